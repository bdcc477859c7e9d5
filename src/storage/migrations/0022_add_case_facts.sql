-- The procedural facts of a case that the law engine reads (issue 5): application dates, journey,
-- decision, appeal, risk assessments, detention — the `CaseFacts` of domain/cases/case-facts.ts.
-- They concern the person only through the case's pseudonymous person id.
alter table cases add column facts jsonb not null default '{}';
