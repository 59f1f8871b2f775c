"""The disciplinary procedure, pure: regimes, sanctions, authority, deadlines, cases.

    law        Basis (a legal reference and its confidence), Period (dated validity)
    sanctions  levels, types, the catalogue and the allowed range (repeat offences)
    authority  who may impose which level on whom; vacancies and failures pass it up
    steps      the steps, the roles that act, deadlines in working days
    readings   readings of unsettled law, chosen per agency in data
    remedies   objection and appeal: scope, late filings, outcomes
    regime     a regime (the rules for one kind of employee) and an agency's choice of them
    events     a case as recorded events
    progress   what the state machine answers: stage, next steps, flags
    machine    the state the fold accumulates (internal)
    agenda     the next steps of each stage (internal)
    cases      the state machine: `progress(case, procedure, calendar, today)`

Law is data: the values (day counts, articles, catalogues, authority tables) come from the
YAML in `pantau/procedure/`, loaded by `pantau.rules.procedure`.
"""
