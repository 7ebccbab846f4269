/** Named selectors of the sharing and persistence UI. */
import type { AppState } from '../store';

export const selectAdmitted = (s: AppState): boolean => s.admitted;
export const selectSetAdmitted = (s: AppState) => s.setAdmitted;
export const selectLoadDocument = (s: AppState) => s.loadDocument;
export const selectDocumentNotice = (s: AppState) => s.documentNotice;
export const selectNotify = (s: AppState) => s.notify;
export const selectDismissNotice = (s: AppState) => s.dismissNotice;
