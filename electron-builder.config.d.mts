declare const config: () => Record<string, unknown>;
export default config;
