/** The read-side cards of the project page: each renders one part of GET /projects/{id}. */
export { Balances } from './Balances';
export { Amount, useFunderName } from './common';
export { Lifecycle } from './Lifecycle';
export { Limits } from './Limits';
export { OpenAlerts } from './OpenAlerts';
export { PendingAllocations } from './PendingAllocations';
export { Proposals } from './Proposals';
export { Registration } from './Registration';
export { Schedule } from './Schedule';
