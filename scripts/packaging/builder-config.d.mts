/** Types of builder-config.mjs (plain JS, loaded by electron-builder without a compiler). */
type Env = Record<string, string | undefined>;
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export declare const BASE_CONFIG: string;
export declare class PackagingConfigError extends Error {}
export declare function feedUrlFromEnv(env: Env): string;
export declare function signingFromEnv(env: Env): {
  signtoolOptions: {
    publisherName?: string;
    certificateSubjectName?: string;
    certificateSha1?: string;
    sign?: string;
    rfc3161TimeStampServer?: string;
  };
  forceCodeSigning: boolean;
};
export declare function builderConfig(env: Env): Config;
export declare const REQUIRED_FUSES: Record<string, boolean>;
export declare const SECRET_SIGNING_KEYS: readonly string[];
export declare function policyProblems(
  committed: Config,
  merged?: Config,
  options?: { release?: boolean },
): string[];
