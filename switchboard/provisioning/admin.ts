import { runAdmin } from './admin-commands.ts';

/** The administrator CLI; see `node switchboard/provisioning/admin.ts --help`. */
process.exitCode = await runAdmin(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
