/**
 * Runs before every test file (vitest setupFiles). Test files share modules (isolate: false),
 * so the language the last in-process run of the previous file chose (src/i18n `setLanguage`)
 * would otherwise still be set: every file starts in English, as a fresh process does.
 */
import { setLanguage } from '../../src/i18n/index.js';

setLanguage('en');
