/**
 * Named selectors: the only way components read the store. Each returns a value already in the
 * state (or a shared constant), so that zustand's equality check keeps renders to real changes.
 */
import type { Diagnostic } from '../engine/model';
import type { NodeSummary, PodSummary, ServiceSummary } from '../worker/protocol';
import { canRedo, canUndo } from './historySlice';
import type { AppState } from './store';

const noServices: ServiceSummary[] = [];
const noPods: PodSummary[] = [];
const noNodes: NodeSummary[] = [];

export const selectText = (s: AppState): string => s.text;
export const selectScenario = (s: AppState): string | null => s.scenario;
export const selectLoadScenario = (s: AppState) => s.loadScenario;

export const selectSummary = (s: AppState) => s.summary;
export const selectServices = (s: AppState): ServiceSummary[] => s.summary?.services ?? noServices;
export const selectPods = (s: AppState): PodSummary[] => s.summary?.pods ?? noPods;
export const selectNodes = (s: AppState): NodeSummary[] => s.summary?.nodes ?? noNodes;
export const selectDiagnostics = (s: AppState): Diagnostic[] => s.diagnostics;
export const selectStatus = (s: AppState) => s.status;
export const selectCrash = (s: AppState) => s.crash;
export const selectSummaryIsStale = (s: AppState): boolean => s.summaryIsStale;
export const selectDurationMs = (s: AppState): number => s.durationMs;

export const selectSelectedService = (s: AppState): string | null => s.selectedService;
export const selectReveal = (s: AppState) => s.reveal;
export const selectRevealPosition = (s: AppState) => s.revealPosition;
export const selectActivePanel = (s: AppState): string => s.activePanel;
export const selectShowPanel = (s: AppState) => s.showPanel;
export const selectSelection = (s: AppState) => s.selection;
export const selectSelect = (s: AppState) => s.select;

export { selectSelectedRequest, selectSelectedRequestHops } from './trafficSlice';
export const selectRequestForm = (s: AppState) => s.requestForm;
export const selectBatch = (s: AppState) => s.batch;
export const selectBatchSeq = (s: AppState): number => s.batchSeq;
export const selectTrafficStatus = (s: AppState) => s.trafficStatus;
export const selectTrafficError = (s: AppState) => s.trafficError;
export const selectSelectedRequestIndex = (s: AppState): number => s.selectedRequest;
export const selectPlayback = (s: AppState) => s.playback;
export const selectSetRequestSource = (s: AppState) => s.setRequestSource;
export const selectSetRequestDestination = (s: AppState) => s.setRequestDestination;
export const selectSetRequestCount = (s: AppState) => s.setRequestCount;
export const selectSendRequests = (s: AppState) => s.sendRequests;
export const selectSelectRequest = (s: AppState) => s.selectRequest;
export const selectSetPlaybackSpeed = (s: AppState) => s.setPlaybackSpeed;
export const selectSetPaused = (s: AppState) => s.setPaused;
export const selectStepPlayback = (s: AppState) => s.stepPlayback;
export const selectApplyWhatIf = (s: AppState) => s.applyWhatIf;
export const selectUndo = (s: AppState) => s.undo;
export const selectRedo = (s: AppState) => s.redo;
export const selectCanUndo = canUndo;
export const selectCanRedo = canRedo;
export const selectWhatIfNotice = (s: AppState) => s.whatIfNotice;
export const selectProxyMode = (s: AppState) => s.summary?.proxyMode;

export const selectLesson = (s: AppState) => s.lesson;
export const selectStartLesson = (s: AppState) => s.startLesson;
export const selectGoToStep = (s: AppState) => s.goToStep;
export const selectExitLesson = (s: AppState) => s.exitLesson;
export const selectPresenting = (s: AppState): boolean => s.presenting;
export const selectSetPresenting = (s: AppState) => s.setPresenting;
export const selectGalleryOpen = (s: AppState): boolean => s.galleryOpen;
export const selectSetGalleryOpen = (s: AppState) => s.setGalleryOpen;
export const selectEmbed = (s: AppState) => s.embed;
