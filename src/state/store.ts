/** The one store of the app: slices for the document, the simulation and the view. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDocumentSlice, type DocumentSlice, type DocumentState } from './documentSlice';
import { createEmbedSlice, type EmbedSlice } from './embedSlice';
import { createHistorySlice, type HistorySlice } from './historySlice';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createSimulationSlice, type SimulationSlice } from './simulationSlice';
import { createTrafficSlice, type TrafficSlice } from './trafficSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type AppState = DocumentSlice &
  SimulationSlice &
  ViewSlice &
  TrafficSlice &
  HistorySlice &
  LessonSlice &
  EmbedSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: DocumentState): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createDocumentSlice(initial)(...a),
    ...createSimulationSlice(...a),
    ...createViewSlice(...a),
    ...createHistorySlice(...a),
    ...createTrafficSlice(...a),
    ...createLessonSlice(...a),
    ...createEmbedSlice(...a),
  }));
}
