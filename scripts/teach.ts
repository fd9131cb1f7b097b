// npm run teach -- "question" FACT_ID | --undo "question" | --list | --export [--out FILE] | --facts
import dotenv from 'dotenv';
import { runTeachCommand } from '../src/teach/cli.js';

dotenv.config({ quiet: true });
const result = runTeachCommand(process.argv.slice(2), process.env);
process.stdout.write(result.output);
process.stderr.write(result.error);
process.exitCode = result.exitCode;
