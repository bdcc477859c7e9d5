-- The duplicate check at registration sees what was committed while it waited. The statement that
-- registers a person locks the tenant's chain head first and calls waypoint_duplicate_candidates for
-- the person after the lock is granted; but a STABLE function reads with the statement's snapshot,
-- taken before the wait, so a registration of the same person committed by the transaction that held
-- the lock stayed invisible to it (two caseworkers registering one person at the same moment, through
-- two server processes, or the API beside an import). A VOLATILE function takes a fresh snapshot for
-- each of its queries (READ COMMITTED), so it now sees every registration committed before the lock came
-- to it. The function is unchanged otherwise; it still only reads.
alter function waypoint_duplicate_candidates(text, text, text, text) volatile;
