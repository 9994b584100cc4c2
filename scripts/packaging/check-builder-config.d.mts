type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export declare function loadAndValidate(
  env?: Record<string, string | undefined>,
  root?: string,
): Promise<{ committed: Config; merged: Config; problems: string[] }>;
