/**
 * The embed's “open in the full playground” link: the full page at the same address, with the
 * whole state (document, selection, panel, seed) in a share link's fragment, so that a reader
 * can go on from what the embed shows.
 */
import { useEffect, useState } from 'react';
import { toShareLink } from '../../state/share/link';
import { toSharedState } from '../../state/share/openShareLink';
import { useAppStoreApi } from '../../state/useAppStore';

/** The full page's address: this one without its embed parameters. */
export function fullPageAddress(href: string): string {
  return new URL('./', href).href;
}

export function OpenFullLink() {
  const store = useAppStoreApi();
  const [href, setHref] = useState(() => fullPageAddress(window.location.href));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const page = fullPageAddress(window.location.href);
        void toShareLink(toSharedState(store.getState()), page).then((link) => {
          if (current) setHref(link.ok ? link.url : page);
        });
      }, 300);
    };
    update();
    const unsubscribe = store.subscribe((s, p) => {
      if (s.text !== p.text || s.selection !== p.selection || s.activePanel !== p.activePanel)
        update();
    });
    return () => {
      current = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);

  return (
    <a className="open-full" href={href} target="_blank" rel="noopener" data-testid="open-full">
      Open in the full playground ↗
    </a>
  );
}
