// Validates the HAR file named on the command line against HAR 1.2 as the
// npm registry's har-schema package writes it (JSON Schema draft-06), with
// ajv 6 (the validator har-schema's own users pair it with). Prints "ok"
// and exits 0, or prints each error and exits 1.
'use strict'
const fs = require('fs')
const Ajv = require('ajv')
const schemas = require('har-schema')

const ajv = new Ajv({ allErrors: true, schemaId: 'auto' })
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'))
for (const name of Object.keys(schemas)) {
  ajv.addSchema(schemas[name], name + '.json')
}
const har = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
if (ajv.validate('har.json#', har)) {
  console.log('ok: ' + har.log.entries.length + ' entries valid against har-schema')
  process.exit(0)
}
for (const e of ajv.errors) {
  console.log(`${e.dataPath || '(root)'}: ${e.message} ${JSON.stringify(e.params)}`)
}
process.exit(1)
