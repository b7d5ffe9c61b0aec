// Validates a JSONL file line by line with ajv's draft 2020-12 validator (the peer).
import fs from "node:fs";
import readline from "node:readline";
import Ajv2020 from "ajv/dist/2020.js";

const [file, schemaPath] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const t = process.hrtime.bigint();
let errors = 0;
const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  if (!validate(JSON.parse(line))) errors += validate.errors.length;
}
console.log((Number(process.hrtime.bigint() - t) / 1e9).toFixed(3));
console.error(`ajv: ${errors} errors`);
