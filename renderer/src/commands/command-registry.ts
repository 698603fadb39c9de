// Every command of the Studio, in one list: the shell's and each workspace's, for the palette and the shortcuts.
import { arrangeCommands } from './arrange-commands.js';
import type { StudioCommand } from './command.js';
import { dungeonCommands } from './dungeon-commands.js';
import { historyCommands } from './history-commands.js';
import { levelCommands } from './level-commands.js';
import { modelCommands } from './model-commands.js';
import { musicCommands } from './music-commands.js';
import { settingsCommands } from './settings-commands.js';
import { shellCommands } from './shell-commands.js';
import { tasteCommands } from './taste-commands.js';

export const studioCommands: readonly StudioCommand[] = [
  ...shellCommands,
  ...levelCommands,
  ...dungeonCommands,
  ...musicCommands,
  ...arrangeCommands,
  ...modelCommands,
  ...historyCommands,
  ...settingsCommands,
  ...tasteCommands,
];

export function findCommand(id: string): StudioCommand {
  const command = studioCommands.find((candidate) => candidate.id === id);
  if (!command) throw new Error(`No command ${id}`);
  return command;
}
