import type { Handlers } from '../../ipc/dispatch';
import type { OutreachService } from './outreach.service';

type Channels =
  | 'outreach:readiness'
  | 'outreach:consent-forms'
  | 'outreach:create-contact'
  | 'duplicates:list'
  | 'duplicates:decide';

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** IPC handlers of "Außentermin vorbereiten" and the possible duplicates (inputs parsed by dispatch). */
export function outreachHandlers(outreach: OutreachService): Pick<Handlers, Channels> {
  return {
    'outreach:readiness': (input) => outreach.readiness(input),
    'outreach:consent-forms': async (input) => {
      const { pdf, fileName } = await outreach.consentForms(input);
      return { pdfBase64: base64(pdf), byteLength: pdf.byteLength, fileName };
    },
    'outreach:create-contact': (input) => outreach.createPreReleaseContact(input),
    'duplicates:list': (input) => outreach.duplicates(input),
    'duplicates:decide': (input) => outreach.decideDuplicate(input),
  };
}
