/**
 * Entry of the executor bundle `build/spark/assign-stream.js` (`build-spark.js`): the `assign-stream` command
 * alone, with every package inlined, so a Spark executor needs Node 20 and this one file, no node_modules.
 */
import { CliError } from '../errors.ts';
import { assignStreamCommand } from '../assign/assign-stream-command.ts';

assignStreamCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    console.error(error);
    process.exit(70);
  },
);
