import type { Executor } from '../../db/kysely';
import type { Handlers } from '../../ipc/dispatch';
import { accessLogStatus } from './access-log.upload';

/** The access log on the sync page: entries not yet uploaded, and the server's refusal. */
export function accessLogHandlers(db: () => Executor): Pick<Handlers, 'sync:access-log'> {
  return {
    'sync:access-log': () => accessLogStatus(db()),
  };
}
