/** How React components read the store: `useAppStore(selectServices)`. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a StoreContext provider (see main.tsx)');
  return useStore(store, selector);
}

/** The store itself, for effects that follow it outside React's render (the editor's model). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi needs a StoreContext provider (see main.tsx)');
  return store;
}
