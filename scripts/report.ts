// npm run report [-- --days 30] [-- --format md] [--out FILE] | [-- --forget-user <id>]
import dotenv from 'dotenv';
import { runReportCommand } from '../src/analytics/report-cli.js';

dotenv.config({ quiet: true });
const result = runReportCommand(process.argv.slice(2), process.env);
process.stdout.write(result.output);
process.stderr.write(result.error);
process.exitCode = result.exitCode;
