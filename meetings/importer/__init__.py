"""Import a communiqué, declaration or report (text or PDF) as a draft meeting for staff to check.

The steps are separate so that each can be tested on its own:

- `reading`: bytes (text or PDF) → text, refusing what is not a readable document;
- `cleaning`: the noise of a scraped web page taken out of that text;
- `parsing`: the text → an `ImportDraft`, a plain description of the records to create (reads the
  reference tables, writes nothing);
- `writing`: the draft → draft records, in one transaction;
- `report`: what was recognised and what was not, for the staff member who reviews the draft.

`service.import_file()` runs them in order; the management command and the admin page both call it.
"""
