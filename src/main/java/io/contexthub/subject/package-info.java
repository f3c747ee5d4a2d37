/**
 * The rights of the people the data is about (data subjects): who a person is in the hub ({@link
 * io.contexthub.subject.Subjects}), erasure of everything about them ({@link io.contexthub.subject.Erasures}), and
 * an export of it ({@link io.contexthub.subject.SubjectExportApi}). See docs/privacy.md.
 */
package io.contexthub.subject;
