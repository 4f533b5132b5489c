// `npm run db:types`: regenerates server/db/generated.ts from the migrations.
import { GENERATED_FILE, generateDatabaseTypes } from '../db/codegen';

await generateDatabaseTypes();
console.log(`database types written to ${GENERATED_FILE}`);
