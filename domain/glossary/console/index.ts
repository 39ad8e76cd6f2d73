/**
 * The console's words, one area per page family. Each area has its Chinese and its English side by
 * side, the English typed by the Chinese keys, so a missing translation does not compile; the
 * areas join the ledger's terms in one TermId space (../zh.ts), and a unit test fails when two
 * areas declare the same key.
 */
import { admin } from './admin';
import { alerts } from './alerts';
import { dialogs } from './dialogs';
import { documents } from './documents';
import { evidence } from './evidence';
import { frame } from './frame';
import { overview } from './overview';
import { portfolio } from './portfolio';
import { project } from './project';
import { projects } from './projects';
import { statements } from './statements';
import { budget } from './budget';

export const CONSOLE_AREAS = { admin, frame, overview, projects, project, dialogs, alerts, documents, portfolio, evidence, statements, budget };

export const consoleZh = {
  ...admin.zh,
  ...frame.zh,
  ...overview.zh,
  ...projects.zh,
  ...project.zh,
  ...dialogs.zh,
  ...alerts.zh,
  ...documents.zh,
  ...portfolio.zh,
  ...evidence.zh,
  ...statements.zh,
  ...budget.zh,
};

export type ConsoleTermId = keyof typeof consoleZh;

export const consoleEn: Record<ConsoleTermId, string> = {
  ...admin.en,
  ...frame.en,
  ...overview.en,
  ...projects.en,
  ...project.en,
  ...dialogs.en,
  ...alerts.en,
  ...documents.en,
  ...portfolio.en,
  ...evidence.en,
  ...statements.en,
  ...budget.en,
};
