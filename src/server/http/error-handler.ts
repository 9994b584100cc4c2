import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ERROR_MESSAGES, type AppErrorCode } from '../../shared/errors';
import { httpStatusOf } from './errors';

/** Records a refused access (403) of a known user; never fails the response. */
export type RefusalRecorder = (request: FastifyRequest, error: AppError) => Promise<void>;

/** One error envelope for every response: `{ error: { code, message, issues? } }`. */
export function installErrorHandler(app: FastifyInstance, recordRefusal?: RefusalRecorder): void {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const status = httpStatusOf(error.code);
      if (status >= 500) request.log.error({ code: error.code, err: error }, 'request failed');
      if (status === 403 && recordRefusal) {
        await recordRefusal(request, error).catch((e: unknown) => {
          request.log.error({ errName: (e as Error).name }, 'refusal not audited');
        });
      }
      return reply.status(status).send({ error: error.toDto() });
    }
    const fe = error as FastifyError;
    let code: AppErrorCode = 'INTERNAL';
    let status = 500;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      code = 'PAYLOAD_TOO_LARGE';
      status = 413;
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // malformed JSON, wrong content type, empty body, …
      code = fe.statusCode === 415 ? 'VALIDATION_FAILED' : 'VALIDATION_FAILED';
      status = fe.statusCode === 415 ? 415 : 400;
    } else {
      // Log the error class and code only: messages may echo request data.
      request.log.error({ errName: error.name, errCode: fe.code }, 'unexpected error');
    }
    return reply.status(status).send({ error: { code, message: ERROR_MESSAGES[code] } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Diese Adresse gibt es nicht.' } }),
  );
}
