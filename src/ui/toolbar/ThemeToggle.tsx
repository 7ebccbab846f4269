/** Light, dark, or the system's theme. */
import { setThemeChoice, useThemeChoice, type ThemeChoice } from './theme';

const next: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };
const label: Record<ThemeChoice, string> = { system: 'Auto', dark: 'Dark', light: 'Light' };

export function ThemeToggle() {
  const choice = useThemeChoice();
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme-toggle"
      data-theme-choice={choice}
      onClick={() => setThemeChoice(next[choice])}
      title="Theme: the system's (Auto), dark or light"
      aria-label={`Theme: ${label[choice]}`}
    >
      ◐ {label[choice]}
    </button>
  );
}
