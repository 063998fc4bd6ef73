/** The app's name and version for what it writes (the forensic report), from package.json. */
import { version } from '../../package.json';

export const APP_NAME = 'UIDL Studio';
export const APP_VERSION: string = version;
