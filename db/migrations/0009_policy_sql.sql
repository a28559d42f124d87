-- Hand-written (issue 6): policy-related SQL (functions, extra indexes for the simulation). Filled in by the policy work.
SELECT 1;
