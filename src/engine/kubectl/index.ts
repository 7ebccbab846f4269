/** kubectl's output for the simulated cluster: get, describe service, and apply's resource names. */
export { renderDescribeService } from './describe';
export { renderGet } from './get';
export type { GetRequest } from './get';
export type { CommandOutput } from './output';
export { toResourceName } from './resources';
