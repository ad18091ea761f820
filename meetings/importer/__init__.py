"""Import a communiqué, declaration or report (text or PDF) as a draft meeting for staff to check.

The steps are separate so that each can be tested on its own:

- `reading` (with `formats`): bytes (text, PDF, Word, HTML, scans read by OCR) → text, refusing
  what is not a readable document;
- `cleaning`: the noise of a scraped web page taken out of that text;
- `parsing`: the text → an `ImportDraft`, a plain description of the records to create (reads the
  reference tables, writes nothing);
- `matching`: whether the draft is a document of a meeting already in the archive;
- `writing`: the draft → draft records (or a document attached to that meeting), in one transaction;
- `report` and `review`: what was recognised and what was not, and where, for the staff member who
  reviews the draft.

`service.import_file()` runs them in order; the management command and the admin page both call it.
"""
