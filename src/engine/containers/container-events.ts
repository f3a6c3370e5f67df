// The container side of the events journal: Docker's Actor.Attributes for a container (its labels, name and
// image) and the exit code of its last `die`, which `wait --condition removed` needs once the record is gone.
import type { ContainerRecord } from './container-record.js';

/** What the container operations record; filled with the engine's events journal (or a no-op in tests). */
export interface ContainerEventSink {
  emit(type: 'container' | 'volume', action: string, id: string, attributes?: Record<string, string>): Promise<void>;
  /** The `exitCode` attribute of the newest `die` event of a container, if one was recorded. */
  lastExitCode(id: string): Promise<number | undefined>;
}

export const silentEvents: ContainerEventSink = {
  emit: async () => undefined,
  lastExitCode: async () => undefined,
};

export function containerAttributes(record: ContainerRecord, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(record.imageConfig.Labels ?? {}), ...record.config.labels, image: record.config.image.name, name: record.config.name, ...extra };
}

export function emitContainerEvent(
  events: ContainerEventSink,
  record: ContainerRecord,
  action: string,
  extra: Record<string, string> = {},
): Promise<void> {
  return events.emit('container', action, record.config.id, containerAttributes(record, extra)).catch(() => undefined);
}
