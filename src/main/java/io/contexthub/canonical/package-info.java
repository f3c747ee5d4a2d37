/**
 * Java views of the canonical documents whose contract is {@code canonical-model/*.schema.json}. The schemas
 * are authoritative; these records mirror them field for field (a round-trip test keeps them in step) for Java
 * code that builds or reads documents. Absent fields are null here and omitted in JSON.
 */
package io.contexthub.canonical;
