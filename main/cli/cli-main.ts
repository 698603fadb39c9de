// Entry of the compiled CLI bundle (bin/mosaic.js loads it).
import { runCli } from './mosaic.js';

runCli(process.argv.slice(2));
