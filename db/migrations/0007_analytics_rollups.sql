-- Hand-written (issue 7): analytics rollups (materialised views) and their indexes. Filled in by the oversight work.
SELECT 1;
