// Entry point of `npm run package`: electron-builder.yml plus what comes from the environment
// (code signing, update feed URL). See scripts/packaging/builder-config.mjs and the README.
import { builderConfig } from './scripts/packaging/builder-config.mjs';

export default () => builderConfig(process.env);
