-- index access_log_pending
CREATE INDEX access_log_pending ON access_log(seq) WHERE uploaded_at IS NULL;

-- index appointments_case
CREATE INDEX appointments_case ON appointments(case_id, starts_at);

-- index appointments_day
CREATE INDEX appointments_day ON appointments(starts_at);

-- index assessments_case
CREATE INDEX assessments_case ON assessments(case_id, version);

-- index case_audits_case
CREATE INDEX case_audits_case ON case_audits(case_id);

-- index case_audits_caseworker_quarter
CREATE INDEX case_audits_caseworker_quarter ON case_audits(caseworker_id, quarter);

-- index case_audits_sample
CREATE INDEX case_audits_sample ON case_audits(sample_id);

-- index caseload_members_case
CREATE INDEX caseload_members_case ON caseload_members(case_id);

-- index cases_caseworker
CREATE INDEX cases_caseworker ON cases(caseworker_id, status);

-- index cases_office
CREATE INDEX cases_office ON cases(office_id);

-- index cases_person
CREATE INDEX cases_person ON cases(person_id);

-- index consents_case
CREATE INDEX consents_case ON consents(case_id);

-- index contacts_case
CREATE INDEX contacts_case ON contacts(case_id, occurred_at);

-- index cooperation_plans_case
CREATE INDEX cooperation_plans_case ON cooperation_plans(case_id);

-- index correction_tasks_audit
CREATE INDEX correction_tasks_audit ON correction_tasks(audit_id);

-- index correction_tasks_case
CREATE INDEX correction_tasks_case ON correction_tasks(case_id);

-- index correction_tasks_status
CREATE INDEX correction_tasks_status ON correction_tasks(status);

-- index duplicate_suspects_case
CREATE INDEX duplicate_suspects_case ON duplicate_suspects(case_id);

-- index duplicate_suspects_open
CREATE INDEX duplicate_suspects_open ON duplicate_suspects(decision) WHERE decision = 'offen';

-- index goals_case
CREATE INDEX goals_case ON goals(case_id);

-- index households_case
CREATE INDEX households_case ON households(case_id);

-- index measure_assignments_case
CREATE INDEX measure_assignments_case ON measure_assignments(case_id, status);

-- index notes_case
CREATE INDEX notes_case ON notes(case_id, created_at);

-- index own_efforts_case
CREATE INDEX own_efforts_case ON own_efforts(case_id);

-- index persons_case
CREATE INDEX persons_case ON persons(case_id);

-- index persons_name
CREATE INDEX persons_name ON persons(last_name, first_name, id);

-- index plan_documents_case
CREATE INDEX plan_documents_case ON plan_documents(case_id);

-- index plan_documents_handover
CREATE INDEX plan_documents_handover ON plan_documents(handover_id);

-- index plan_handovers_case
CREATE INDEX plan_handovers_case ON plan_handovers(case_id, plan_id, version);

-- index search_keys_case
CREATE INDEX search_keys_case ON search_keys(case_id);

-- index strategy_choices_case
CREATE INDEX strategy_choices_case ON strategy_choices(case_id);

-- index sync_conflicts_case
CREATE INDEX sync_conflicts_case ON sync_conflicts(case_id) WHERE resolved_at IS NULL;

-- index sync_outbox_entity
CREATE INDEX sync_outbox_entity ON sync_outbox(entity, entity_id);

-- index sync_rejections_case
CREATE INDEX sync_rejections_case ON sync_rejections(case_id) WHERE seen_at IS NULL;

-- table access_log
CREATE TABLE access_log ( seq INTEGER PRIMARY KEY, at TEXT NOT NULL, case_id TEXT NOT NULL, action TEXT NOT NULL, offline INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, uploaded_at TEXT ) STRICT;

-- table access_scope
CREATE TABLE access_scope ( case_id TEXT PRIMARY KEY, scope_version INTEGER NOT NULL DEFAULT 0 ) STRICT;

-- table appointments
CREATE TABLE appointments ( id TEXT PRIMARY KEY, starts_at TEXT NOT NULL, duration_minutes INTEGER NOT NULL, kind TEXT NOT NULL, location TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('geplant', 'wahrgenommen', 'versaeumt', 'abgesagt')), case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL , subject TEXT, invitation TEXT NOT NULL DEFAULT 'einladung') STRICT;

-- table assessments
CREATE TABLE assessments ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, previous_version_id TEXT, amendment_reason TEXT, status TEXT NOT NULL, catalogue_version TEXT NOT NULL, created_on TEXT NOT NULL, author_id TEXT NOT NULL, finalized_on TEXT, finalized_by TEXT, target_occupation TEXT, integration_forecast TEXT, dominant_key_factor TEXT, entries TEXT NOT NULL, profile_situation TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table case_audits
CREATE TABLE case_audits ( id TEXT PRIMARY KEY, sample_id TEXT NOT NULL, caseworker_id TEXT NOT NULL, quarter TEXT NOT NULL, seed INTEGER NOT NULL, method TEXT NOT NULL, sample_size INTEGER NOT NULL, drawn_case_ids TEXT NOT NULL, population_count INTEGER NOT NULL, population_digest TEXT NOT NULL, drawn_at TEXT NOT NULL, team_lead_id TEXT NOT NULL, items TEXT NOT NULL DEFAULT '[]', comment TEXT, status TEXT NOT NULL DEFAULT 'offen', closed_on TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table case_digests
CREATE TABLE case_digests ( case_id TEXT PRIMARY KEY, rev INTEGER NOT NULL, on_day TEXT NOT NULL, basis TEXT NOT NULL, findings TEXT NOT NULL, target_groups TEXT ) STRICT, WITHOUT ROWID;

-- table case_revisions
CREATE TABLE case_revisions (case_id TEXT PRIMARY KEY, rev INTEGER NOT NULL) STRICT, WITHOUT ROWID;

-- table caseload_members
CREATE TABLE caseload_members ( caseworker_id TEXT NOT NULL, case_id TEXT NOT NULL, from_on TEXT NOT NULL, to_on TEXT NOT NULL, substitute INTEGER NOT NULL, PRIMARY KEY (caseworker_id, case_id, from_on, substitute) ) STRICT, WITHOUT ROWID;

-- table cases
CREATE TABLE "cases" ( id TEXT PRIMARY KEY, case_number TEXT NOT NULL UNIQUE, person_id TEXT NOT NULL, office_id TEXT NOT NULL, caseworker_id TEXT NOT NULL, phase INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 4), status TEXT NOT NULL CHECK (status IN ('aktiv', 'ruhend', 'abgeschlossen')), opened_on TEXT NOT NULL, closed_on TEXT, last_contact_on TEXT, next_review_on TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL , provisional_case_number TEXT, substitutions TEXT NOT NULL DEFAULT '[]') STRICT;

-- table consents
CREATE TABLE consents ( id TEXT PRIMARY KEY, purpose TEXT NOT NULL, given_on TEXT NOT NULL, form TEXT NOT NULL, scope TEXT, withdrawn_on TEXT, recorded_by TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table contacts
CREATE TABLE contacts ( id TEXT PRIMARY KEY, occurred_at TEXT NOT NULL, channel TEXT NOT NULL, direction TEXT NOT NULL, subject TEXT NOT NULL, appointment_id TEXT, reached INTEGER NOT NULL, recorded_by TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table cooperation_plans
CREATE TABLE cooperation_plans ( id TEXT PRIMARY KEY, plan_date TEXT NOT NULL, goal TEXT NOT NULL, main_steps TEXT NOT NULL, points TEXT NOT NULL, own_efforts TEXT NOT NULL, measures TEXT NOT NULL, personal_offer TEXT NOT NULL, review_due_on TEXT, companion_language TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table correction_tasks
CREATE TABLE correction_tasks ( id TEXT PRIMARY KEY, audit_id TEXT NOT NULL, section TEXT NOT NULL, rule_id TEXT, text TEXT NOT NULL, due_on TEXT, caseworker_id TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'angefordert', completion_note TEXT, completed_at TEXT, history TEXT NOT NULL DEFAULT '[]', case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table duplicate_suspects
CREATE TABLE duplicate_suspects ( id TEXT PRIMARY KEY, person_id TEXT NOT NULL, other_person_id TEXT NOT NULL, other_case_id TEXT NOT NULL, other_case_number TEXT, match TEXT NOT NULL, reason TEXT NOT NULL, decision TEXT NOT NULL DEFAULT 'offen', decided_by TEXT, decided_on TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table goals
CREATE TABLE goals ( id TEXT PRIMARY KEY, type TEXT NOT NULL, description TEXT NOT NULL, target_occupation TEXT, target_date TEXT, assessment_id TEXT, created_on TEXT NOT NULL, author_id TEXT NOT NULL, intermediate_goals TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table households
CREATE TABLE households ( id TEXT PRIMARY KEY, household_number TEXT NOT NULL, members INTEGER NOT NULL, children_under_18 INTEGER NOT NULL DEFAULT 0, single_parent INTEGER NOT NULL DEFAULT 0, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL , member_list TEXT NOT NULL DEFAULT '[]') STRICT;

-- table measure_assignments
CREATE TABLE measure_assignments ( id TEXT PRIMARY KEY, measure_id TEXT NOT NULL, measure_title TEXT NOT NULL, catalogue_version TEXT NOT NULL, kind TEXT NOT NULL, need_ids TEXT NOT NULL, goal_id TEXT NOT NULL, provider TEXT, planned_start TEXT NOT NULL, planned_end TEXT, with_legal_consequences_notice INTEGER NOT NULL, status TEXT NOT NULL, proposed_on TEXT NOT NULL, assigned_on TEXT, started_on TEXT, ended_on TEXT, outcome TEXT, history TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table notes
CREATE TABLE notes ( id TEXT PRIMARY KEY, category TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, restricted INTEGER NOT NULL DEFAULT 0, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL , written_at TEXT NOT NULL DEFAULT '', author_id TEXT NOT NULL DEFAULT '') STRICT;

-- table offices
CREATE TABLE offices ( id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, town TEXT NOT NULL, is_head_office INTEGER NOT NULL DEFAULT 0 ) STRICT;

-- table own_efforts
CREATE TABLE own_efforts ( id TEXT PRIMARY KEY, plan_id TEXT, description TEXT NOT NULL, frequency TEXT, proof TEXT, agreed_on TEXT NOT NULL, ends_on TEXT, proofs TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table persons
CREATE TABLE "persons" ( id TEXT PRIMARY KEY, household_id TEXT, customer_number TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, birth_date TEXT NOT NULL, gender TEXT, nationality TEXT, preferred_language TEXT, street TEXT, postal_code TEXT, town TEXT, phone TEXT, email TEXT, severely_disabled INTEGER NOT NULL DEFAULT 0, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL , german_level TEXT, integration_course_completed INTEGER NOT NULL DEFAULT 0, disability TEXT NOT NULL DEFAULT 'none', unemployed_since TEXT, benefit_periods TEXT NOT NULL DEFAULT '[]', returner_to_work INTEGER NOT NULL DEFAULT 0, expected_release_date TEXT, consent_for_pre_release_contact INTEGER NOT NULL DEFAULT 0, school_qualification TEXT, vocational_qualification TEXT) STRICT;

-- table plan_document_uploads
CREATE TABLE plan_document_uploads ( sha256 TEXT PRIMARY KEY, case_id TEXT NOT NULL, uploaded_at TEXT, refused_code TEXT, refused_at TEXT ) STRICT;

-- table plan_documents
CREATE TABLE plan_documents ( sha256 TEXT PRIMARY KEY, handover_id TEXT NOT NULL, case_id TEXT NOT NULL, pdf BLOB NOT NULL, byte_length INTEGER NOT NULL, created_at TEXT NOT NULL ) STRICT;

-- table plan_handovers
CREATE TABLE plan_handovers ( id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, version INTEGER NOT NULL, handed_over_on TEXT NOT NULL, handed_over_by TEXT NOT NULL, form TEXT NOT NULL, content_hash TEXT NOT NULL, regime_id TEXT NOT NULL, content TEXT NOT NULL, template_version TEXT, pdf_sha256 TEXT, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table search_index
CREATE VIRTUAL TABLE search_index USING fts5( case_id UNINDEXED, source UNINDEXED, source_id UNINDEXED, content, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4' );

-- table search_keys
CREATE TABLE search_keys ( kind TEXT NOT NULL, term TEXT NOT NULL, case_id TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (kind, term, case_id) ) STRICT, WITHOUT ROWID;

-- table strategy_choices
CREATE TABLE strategy_choices ( id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL, goal_id TEXT, strategy_id TEXT NOT NULL, serves_needs TEXT NOT NULL, note TEXT, chosen_on TEXT NOT NULL, chosen_by TEXT NOT NULL, case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}', dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL ) STRICT;

-- table sync_conflicts
CREATE TABLE sync_conflicts ( id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, case_id TEXT NOT NULL, field TEXT NOT NULL, local_value TEXT, remote_value TEXT, local_hlc TEXT NOT NULL, remote_hlc TEXT NOT NULL, created_at TEXT NOT NULL, resolved_at TEXT, resolved_by TEXT , kind TEXT NOT NULL DEFAULT 'conflict', base_value TEXT, kept_value TEXT, other_value TEXT, kept_by TEXT, other_by TEXT, resolution TEXT) STRICT;

-- table sync_outbox
CREATE TABLE sync_outbox ( seq INTEGER PRIMARY KEY AUTOINCREMENT, mutation_id TEXT NOT NULL UNIQUE, local_tx_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, case_id TEXT NOT NULL, op TEXT NOT NULL CHECK (op IN ('create', 'update', 'archive')), fields_json TEXT NOT NULL, base_row_version INTEGER NOT NULL, hlc TEXT NOT NULL, schema_version INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')), attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, created_at TEXT NOT NULL ) STRICT;

-- table sync_rejections
CREATE TABLE sync_rejections ( mutation_id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, case_id TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL, seen_at TEXT , op TEXT) STRICT;

-- table sync_state
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- trigger access_log_no_change
CREATE TRIGGER access_log_no_change BEFORE UPDATE OF seq, at, case_id, action, offline, prev_hash, hash ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

-- trigger access_log_no_delete
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

-- trigger appointments_rev_ad
CREATE TRIGGER appointments_rev_ad AFTER DELETE ON appointments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger appointments_rev_ai
CREATE TRIGGER appointments_rev_ai AFTER INSERT ON appointments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger appointments_rev_au
CREATE TRIGGER appointments_rev_au AFTER UPDATE ON appointments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger assessments_rev_ad
CREATE TRIGGER assessments_rev_ad AFTER DELETE ON assessments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger assessments_rev_ai
CREATE TRIGGER assessments_rev_ai AFTER INSERT ON assessments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger assessments_rev_au
CREATE TRIGGER assessments_rev_au AFTER UPDATE ON assessments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cases_ad
CREATE TRIGGER cases_ad AFTER DELETE ON cases BEGIN DELETE FROM search_index WHERE source = 'case' AND source_id = old.id; END;

-- trigger cases_ai
CREATE TRIGGER cases_ai AFTER INSERT ON cases BEGIN INSERT INTO search_index(case_id, source, source_id, content) VALUES (new.id, 'case', new.id, new.case_number); END;

-- trigger cases_au
CREATE TRIGGER cases_au AFTER UPDATE OF case_number, archived_at ON cases BEGIN DELETE FROM search_index WHERE source = 'case' AND source_id = old.id; INSERT INTO search_index(case_id, source, source_id, content) SELECT new.id, 'case', new.id, new.case_number WHERE new.archived_at IS NULL; END;

-- trigger cases_digests_ad
CREATE TRIGGER cases_digests_ad AFTER DELETE ON cases BEGIN DELETE FROM case_digests WHERE case_id = old.id; END;

-- trigger cases_members_ad
CREATE TRIGGER cases_members_ad AFTER DELETE ON cases BEGIN DELETE FROM caseload_members WHERE case_id = old.id; DELETE FROM search_keys WHERE case_id = old.id; DELETE FROM case_revisions WHERE case_id = old.id; END;

-- trigger cases_members_ai
CREATE TRIGGER cases_members_ai AFTER INSERT ON cases BEGIN INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute) VALUES (new.caseworker_id, new.id, '0000-01-01', '9999-12-31', 0); INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute) SELECT json_extract(s.value, '$.caseworkerId'), new.id, json_extract(s.value, '$.from'), json_extract(s.value, '$.to'), 1 FROM json_each(CASE WHEN json_valid(new.substitutions) THEN new.substitutions ELSE '[]' END) AS s WHERE json_extract(s.value, '$.caseworkerId') IS NOT NULL AND json_extract(s.value, '$.from') IS NOT NULL AND json_extract(s.value, '$.to') IS NOT NULL; END;

-- trigger cases_members_au
CREATE TRIGGER cases_members_au AFTER UPDATE OF caseworker_id, substitutions ON cases BEGIN DELETE FROM caseload_members WHERE case_id = old.id; INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute) VALUES (new.caseworker_id, new.id, '0000-01-01', '9999-12-31', 0); INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute) SELECT json_extract(s.value, '$.caseworkerId'), new.id, json_extract(s.value, '$.from'), json_extract(s.value, '$.to'), 1 FROM json_each(CASE WHEN json_valid(new.substitutions) THEN new.substitutions ELSE '[]' END) AS s WHERE json_extract(s.value, '$.caseworkerId') IS NOT NULL AND json_extract(s.value, '$.from') IS NOT NULL AND json_extract(s.value, '$.to') IS NOT NULL; END;

-- trigger cases_rev_ad
CREATE TRIGGER cases_rev_ad AFTER DELETE ON cases BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cases_rev_ai
CREATE TRIGGER cases_rev_ai AFTER INSERT ON cases BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cases_rev_au
CREATE TRIGGER cases_rev_au AFTER UPDATE ON cases BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger consents_rev_ad
CREATE TRIGGER consents_rev_ad AFTER DELETE ON consents BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger consents_rev_ai
CREATE TRIGGER consents_rev_ai AFTER INSERT ON consents BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger consents_rev_au
CREATE TRIGGER consents_rev_au AFTER UPDATE ON consents BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger contacts_rev_ad
CREATE TRIGGER contacts_rev_ad AFTER DELETE ON contacts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger contacts_rev_ai
CREATE TRIGGER contacts_rev_ai AFTER INSERT ON contacts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger contacts_rev_au
CREATE TRIGGER contacts_rev_au AFTER UPDATE ON contacts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cooperation_plans_rev_ad
CREATE TRIGGER cooperation_plans_rev_ad AFTER DELETE ON cooperation_plans BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cooperation_plans_rev_ai
CREATE TRIGGER cooperation_plans_rev_ai AFTER INSERT ON cooperation_plans BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger cooperation_plans_rev_au
CREATE TRIGGER cooperation_plans_rev_au AFTER UPDATE ON cooperation_plans BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger goals_rev_ad
CREATE TRIGGER goals_rev_ad AFTER DELETE ON goals BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger goals_rev_ai
CREATE TRIGGER goals_rev_ai AFTER INSERT ON goals BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger goals_rev_au
CREATE TRIGGER goals_rev_au AFTER UPDATE ON goals BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger households_rev_ad
CREATE TRIGGER households_rev_ad AFTER DELETE ON households BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger households_rev_ai
CREATE TRIGGER households_rev_ai AFTER INSERT ON households BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger households_rev_au
CREATE TRIGGER households_rev_au AFTER UPDATE ON households BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger measure_assignments_rev_ad
CREATE TRIGGER measure_assignments_rev_ad AFTER DELETE ON measure_assignments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger measure_assignments_rev_ai
CREATE TRIGGER measure_assignments_rev_ai AFTER INSERT ON measure_assignments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger measure_assignments_rev_au
CREATE TRIGGER measure_assignments_rev_au AFTER UPDATE ON measure_assignments BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger notes_ad
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN DELETE FROM search_index WHERE source = 'note' AND source_id = old.id; END;

-- trigger notes_ai
CREATE TRIGGER notes_ai AFTER INSERT ON notes WHEN new.restricted = 0 BEGIN INSERT INTO search_index(case_id, source, source_id, content) VALUES (new.case_id, 'note', new.id, new.title || ' ' || new.body); END;

-- trigger notes_au
CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN DELETE FROM search_index WHERE source = 'note' AND source_id = old.id; INSERT INTO search_index(case_id, source, source_id, content) SELECT new.case_id, 'note', new.id, new.title || ' ' || new.body WHERE new.restricted = 0 AND new.archived_at IS NULL; END;

-- trigger notes_rev_ad
CREATE TRIGGER notes_rev_ad AFTER DELETE ON notes BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger notes_rev_ai
CREATE TRIGGER notes_rev_ai AFTER INSERT ON notes BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger notes_rev_au
CREATE TRIGGER notes_rev_au AFTER UPDATE ON notes BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger own_efforts_rev_ad
CREATE TRIGGER own_efforts_rev_ad AFTER DELETE ON own_efforts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger own_efforts_rev_ai
CREATE TRIGGER own_efforts_rev_ai AFTER INSERT ON own_efforts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger own_efforts_rev_au
CREATE TRIGGER own_efforts_rev_au AFTER UPDATE ON own_efforts BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger persons_ad
CREATE TRIGGER persons_ad AFTER DELETE ON persons BEGIN DELETE FROM search_index WHERE source = 'person' AND source_id = old.id; END;

-- trigger persons_ai
CREATE TRIGGER persons_ai AFTER INSERT ON persons BEGIN INSERT INTO search_index(case_id, source, source_id, content) VALUES (new.case_id, 'person', new.id, new.first_name || ' ' || new.last_name || ' ' || new.customer_number || ' ' || coalesce(new.town, '')); END;

-- trigger persons_au
CREATE TRIGGER persons_au AFTER UPDATE ON persons BEGIN DELETE FROM search_index WHERE source = 'person' AND source_id = old.id; INSERT INTO search_index(case_id, source, source_id, content) SELECT new.case_id, 'person', new.id, new.first_name || ' ' || new.last_name || ' ' || new.customer_number || ' ' || coalesce(new.town, '') WHERE new.archived_at IS NULL; END;

-- trigger persons_rev_ad
CREATE TRIGGER persons_rev_ad AFTER DELETE ON persons BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger persons_rev_ai
CREATE TRIGGER persons_rev_ai AFTER INSERT ON persons BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger persons_rev_au
CREATE TRIGGER persons_rev_au AFTER UPDATE ON persons BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger plan_handovers_immutable
CREATE TRIGGER plan_handovers_immutable BEFORE UPDATE ON plan_handovers WHEN old.plan_id IS NOT new.plan_id OR old.version IS NOT new.version OR old.handed_over_on IS NOT new.handed_over_on OR old.handed_over_by IS NOT new.handed_over_by OR old.form IS NOT new.form OR old.content_hash IS NOT new.content_hash OR old.regime_id IS NOT new.regime_id OR old.content IS NOT new.content OR old.template_version IS NOT new.template_version OR old.pdf_sha256 IS NOT new.pdf_sha256 BEGIN SELECT RAISE(ABORT, 'plan_handovers are immutable'); END;

-- trigger plan_handovers_rev_ad
CREATE TRIGGER plan_handovers_rev_ad AFTER DELETE ON plan_handovers BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger plan_handovers_rev_ai
CREATE TRIGGER plan_handovers_rev_ai AFTER INSERT ON plan_handovers BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger plan_handovers_rev_au
CREATE TRIGGER plan_handovers_rev_au AFTER UPDATE ON plan_handovers BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger strategy_choices_rev_ad
CREATE TRIGGER strategy_choices_rev_ad AFTER DELETE ON strategy_choices BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (old.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger strategy_choices_rev_ai
CREATE TRIGGER strategy_choices_rev_ai AFTER INSERT ON strategy_choices BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;

-- trigger strategy_choices_rev_au
CREATE TRIGGER strategy_choices_rev_au AFTER UPDATE ON strategy_choices BEGIN INSERT INTO case_revisions (case_id, rev) VALUES (new.case_id, 1) ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1; END;
