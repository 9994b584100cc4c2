export declare function findElectron(
  electronDir: string,
  env?: Record<string, string | undefined>,
): string | null;
export declare function tryInstallElectron(electronDir: string, timeoutMs?: number): boolean;
export declare function electronMissingMessage(options: { fallback: boolean }): string;
