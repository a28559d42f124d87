-- Hand-written (issue 5): database roles and grants for the append-only audit trail. Filled in by the audit work.
SELECT 1;
