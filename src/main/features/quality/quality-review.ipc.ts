import { AppError } from '../../../shared/errors';
import type { Handlers } from '../../ipc/dispatch';
import type { QualityReviewService } from './quality-review.service';

type Channels =
  | 'audits:draw-sample'
  | 'audits:samples'
  | 'audits:get'
  | 'audits:save'
  | 'corrections:request'
  | 'corrections:review'
  | 'corrections:list'
  | 'corrections:complete';

/** IPC handlers of the sampled case audit (inputs parsed by dispatch; roles checked by the service). */
export function qualityReviewHandlers(review: QualityReviewService | undefined): Pick<Handlers, Channels> {
  const r = (): QualityReviewService => {
    if (!review)
      throw new AppError('FORBIDDEN', 'Die Fallprüfung ist auf diesem Arbeitsplatz nicht eingerichtet.');
    return review;
  };
  return {
    'audits:draw-sample': (input) => r().drawSample(input),
    'audits:samples': (input) => r().samples(input),
    'audits:get': ({ auditId }) => r().audit(auditId),
    'audits:save': (input) => r().saveAudit(input),
    'corrections:request': (input) => r().requestCorrection(input),
    'corrections:review': (input) => r().reviewCorrection(input),
    'corrections:list': (input) => r().corrections(input),
    'corrections:complete': (input) => r().completeCorrection(input),
  };
}
