export {
  JobQueue, PermanentJobError, DEFAULT_QUEUE_OPTIONS, JOB_KINDS, JOB_STATES, JOB_FILTERS, defaultJobKey, isJobKind, newWorkerId,
  type Job, type ClaimedJob, type JobKind, type JobState, type JobFilter, type QueueOptions, type EnqueueOptions, type WorkerInfo,
} from './queue.js';
export { HANDLERS, isPermanent, type JobContext, type JobHandler } from './jobs.js';
export { Worker, type WorkerOptions, type WorkerStats } from './worker.js';
