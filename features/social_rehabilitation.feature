Feature: SOP 3 - Social rehabilitation
  The receiver already serving the person assesses their needs; the reflection and recovery
  period runs from the day reasonable grounds were found and is never restarted. The social
  services draft an individual rehabilitation plan and choose, for each service, the agency
  that delivers it; the commission approves the plan (for a child, after the child-protection
  body agrees the child protection plan). Each planned service is its own task, named after
  the service, in the inbox of its agency, and its answers are kept under that service. The
  plan is reviewed when the review period ends, or earlier on request; the rehabilitation
  ends when the goals are met, the person withdraws, contact is lost and the person is not
  found, or the person is handed over to reintegration or repatriation; a child's exit needs
  the child-protection body's approval. A shelter stay whose free period ends undecided gets
  a review.

  Scenario: the commission sends the plan back, then approves the redrafted plan
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | 2026-01-05                   |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | medium                       |
      | rehab_contact_with_traffickers | false                        |
    Then the case data has rehab_reflection_days = 30
    And the social services has a task "Draft individual rehabilitation plan"
    When the social services completes "Draft individual rehabilitation plan"
      | field                    | value                    |
      | rehab_plan_goals         | Safe housing and therapy |
      | rehab_services_planned   | ["shelter"]              |
      | rehab_plan_person_agreed | true                     |
      | rehab_plan_date          | 2026-01-08               |
    Then the commission has a task "Approve rehabilitation plan"
    When the commission completes "Approve rehabilitation plan"
      | field                      | value                          |
      | rehab_plan_decision        | rejected                       |
      | rehab_plan_commission_note | Psychological help is missing. |
      | rehab_plan_decision_date   | 2026-01-09                     |
    Then the social services has a task "Draft individual rehabilitation plan"
    And the NGO has no task "Deliver service: Shelter"
    When the social services completes "Draft individual rehabilitation plan"
      | field                    | value                        |
      | rehab_plan_goals         | Safe housing and therapy     |
      | rehab_services_planned   | ["shelter", "psychological"] |
      | rehab_plan_person_agreed | true                         |
      | rehab_plan_date          | 2026-01-10                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-12 |
    Then the NGO has a task "Deliver service: Shelter"
    And the NGO has a task "Deliver service: Psychological help"

  Scenario: urgent services start right after intake, while the plan is drafted and the commission approves it beside them
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Ainura |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                                   |
      | rehab_needs                    | ["shelter", "medical", "psychological"] |
      | rehab_urgent_services          | ["medical", "psychological"]            |
      | rehab_retrafficking_risk       | high                                    |
      | rehab_contact_with_traffickers | true                                    |
    Then the NGO has a task "Deliver urgent service: Medical care"
    And the NGO has a task "Deliver urgent service: Psychological help"
    And the task "Deliver urgent service: Medical care" is due in 24 hours
    And the social services has a task "Draft individual rehabilitation plan"
    When the NGO completes "Deliver urgent service: Medical care"
      | field                  | value              |
      | rehab_service_provider | City hospital no 4 |
      | rehab_service_status   | ongoing            |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value                                   |
      | rehab_plan_goals       | Recovery and safe housing               |
      | rehab_services_planned | ["shelter", "medical", "psychological"] |
    Then the commission has a task "Approve rehabilitation plan"
    And the NGO has a task "Deliver urgent service: Psychological help"
    When the NGO completes "Deliver urgent service: Psychological help"
      | field                  | value               |
      | rehab_service_provider | NGO psychologist    |
      | rehab_service_status   | ongoing             |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    Then the NGO has a task "Deliver service: Medical care"
    And the NGO has a task "Deliver service: Psychological help"
    And the NGO has a task "Deliver service: Shelter"
    And the NGO has no task "Deliver urgent service: Medical care"

  Scenario: the commission rejects the plan the allowed number of times and then settles it itself
    Given the parameter rehab_plan_rejection_rounds is 2
    And a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Asel   |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | medium                       |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value         |
      | rehab_plan_goals       | Safe housing  |
      | rehab_services_planned | ["shelter"]   |
    And the commission completes "Approve rehabilitation plan"
      | field                      | value                          |
      | rehab_plan_decision        | rejected                       |
      | rehab_plan_commission_note | Psychological help is missing. |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the social services completes "Draft individual rehabilitation plan"
      | field                  | value                  |
      | rehab_plan_goals       | Safe housing and work  |
      | rehab_services_planned | ["shelter", "employment"] |
    And the commission completes "Approve rehabilitation plan"
      | field                      | value                              |
      | rehab_plan_decision        | rejected                           |
      | rehab_plan_commission_note | Psychological help is still missing. |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the case data has rehab_plan_rejections = 2
    And the commission has a task "Settle the plan after repeated rejections"
    When the commission completes "Settle the plan after repeated rejections"
      | field                          | value                                            |
      | rehab_plan_settled_changes     | Approved with psychological help added by the NGO |
      | rehab_plan_settled_person_told | true                                             |
    Then the NGO has a task "Deliver service: Shelter"
    And the NGO has a task "Deliver service: Employment"
    And the case data has rehab_plan_rejections = 0

  Scenario: four services of one plan go to three agencies and each keeps its own data
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                                                  |
      | rehab_intake_date              | 2026-01-05                                             |
      | rehab_needs                    | ["shelter", "medical", "psychological", "employment"] |
      | rehab_retrafficking_risk       | low                                                    |
      | rehab_contact_with_traffickers | false                                                  |
    And the social services completes "Draft individual rehabilitation plan"
      | field                         | value                                                  |
      | rehab_plan_goals              | Recover health, therapy, a job                         |
      | rehab_services_planned        | ["shelter", "medical", "psychological", "employment"] |
      | rehab_provider_shelter        | receiver                                               |
      | rehab_provider_medical        | health                                                 |
      | rehab_provider_psychological  | ngo                                                    |
      | rehab_provider_employment     | social                                                 |
      | rehab_plan_person_agreed      | true                                                   |
      | rehab_plan_date               | 2026-01-08                                             |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    Then the NGO has a task "Deliver service: Shelter"
    And the NGO has a task "Deliver service: Psychological help"
    And the health organisation has a task "Deliver service: Medical care"
    And the social services has a task "Deliver service: Employment"
    And the health organisation has no task "Deliver service: Shelter"
    When the health organisation completes "Deliver service: Medical care"
      | field                 | value               |
      | rehab_service_provider | City hospital No. 4 |
      | rehab_service_start   | 2026-01-10          |
      | rehab_service_funding | state_budget        |
      | rehab_service_status  | delivered           |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | ongoing             |
    And the social services completes "Deliver service: Employment"
      | field                  | value               |
      | rehab_service_provider | District job centre |
      | rehab_service_start    | 2026-01-15          |
      | rehab_service_funding  | local_budget        |
      | rehab_service_status   | ongoing             |
    Then the social services has no task "Monitor the plan until the review"
    When the NGO completes "Deliver service: Psychological help"
      | field                  | value           |
      | rehab_service_provider | Psychologist Ai |
      | rehab_service_start    | 2026-01-12      |
      | rehab_service_funding  | donor           |
      | rehab_service_status   | ongoing         |
    Then the social services has a task "Monitor the plan until the review"
    And the task "Monitor the plan until the review" is due in 30 days
    And the case data has rehab_review_round = 1
    And the case data has rehab_services_delivered.medical.provider = "City hospital No. 4"
    And the case data has rehab_services_delivered.medical.agency = "health"
    And the case data has rehab_services_delivered.medical.status = "delivered"
    And the case data has rehab_services_delivered.shelter.provider = "Crisis centre Sezim"
    And the case data has rehab_services_delivered.shelter.agency = "ngo"
    And the case data has rehab_services_delivered.psychological.funding = "donor"
    And the case data has rehab_services_delivered.employment.agency = "social"
    And the case data has rehab_services_delivered.employment.start = "2026-01-15"

  @timer
  Scenario: the review opens when the review period ends
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value        |
      | rehab_plan_goals         | Safe housing |
      | rehab_services_planned   | ["shelter"]  |
      | rehab_plan_person_agreed | true         |
      | rehab_plan_date          | 2026-01-08   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | ongoing             |
    And 29 days pass
    Then the social services has no task "Review rehabilitation plan"
    When 2 days pass
    Then the social services has a task "Review rehabilitation plan"
    And the social services has no task "Monitor the plan until the review"

  Scenario: the review continues the plan, and only services still running get a task in the next period
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                                      |
      | rehab_intake_date              | 2026-01-05                                 |
      | rehab_needs                    | ["shelter", "psychological", "employment"] |
      | rehab_retrafficking_risk       | low                                        |
      | rehab_contact_with_traffickers | false                                      |
    And the social services completes "Draft individual rehabilitation plan"
      | field                     | value                                      |
      | rehab_plan_goals          | Housing, recovery and a job                |
      | rehab_services_planned    | ["shelter", "psychological", "employment"] |
      | rehab_provider_employment | social                                     |
      | rehab_plan_person_agreed  | true                                       |
      | rehab_plan_date           | 2026-01-08                                 |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | ongoing             |
    And the NGO completes "Deliver service: Psychological help"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-12          |
      | rehab_service_funding  | donor               |
      | rehab_service_status   | ongoing             |
    And the social services completes "Deliver service: Employment"
      | field                  | value               |
      | rehab_service_provider | District job centre |
      | rehab_service_start    | 2026-01-15          |
      | rehab_service_funding  | local_budget        |
      | rehab_service_status   | delivered           |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                               |
      | rehab_review_date     | 2026-02-09                          |
      | rehab_review_progress | Settled in shelter, has found work. |
      | rehab_review_decision | continue                            |
    Then the NGO has a task "Deliver service: Shelter"
    And the NGO has a task "Deliver service: Psychological help"
    And the social services has no task "Deliver service: Employment"
    And the case data has rehab_services_completed = ["employment"]
    And the case data has rehab_review_round = 2
    And the case is open

  Scenario: the review sends the plan back for revision and the commission approves it again
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | social |
    When the social services completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | high        |
      | rehab_contact_with_traffickers | true        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value        |
      | rehab_plan_goals         | Safe housing |
      | rehab_services_planned   | ["shelter"]  |
      | rehab_provider_shelter   | ngo          |
      | rehab_plan_person_agreed | true         |
      | rehab_plan_date          | 2026-01-08   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | ongoing             |
    And the social services completes "Monitor the plan until the review"
      | field                     | value                          |
      | rehab_early_review_reason | safety                         |
      | rehab_monitor_note        | Traffickers called the family. |
    Then the social services has a task "Review rehabilitation plan"
    When the social services completes "Review rehabilitation plan"
      | field                 | value                                |
      | rehab_review_date     | 2026-01-20                           |
      | rehab_review_progress | Needs a safer shelter and legal aid. |
      | rehab_review_decision | revise_plan                          |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the social services completes "Draft individual rehabilitation plan"
      | field                    | value                              |
      | rehab_plan_goals         | Safe housing elsewhere, legal aid  |
      | rehab_services_planned   | ["shelter", "legal_aid_documents"] |
      | rehab_plan_person_agreed | true                               |
      | rehab_plan_date          | 2026-01-21                         |
    Then the commission has a task "Approve rehabilitation plan"

  Scenario Outline: the rehabilitation ends at a review with the exit reason <reason>
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value        |
      | rehab_plan_goals         | Safe housing |
      | rehab_services_planned   | ["shelter"]  |
      | rehab_plan_person_agreed | true         |
      | rehab_plan_date          | 2026-01-08   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | delivered           |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value      |
      | rehab_review_date     | 2026-02-09 |
      | rehab_review_progress | <progress> |
      | rehab_review_decision | <reason>   |
    Then the social services has a task "Close rehabilitation and plan follow-up"
    And the case data has rehab_exit_reason = "<reason>"
    When the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value      |
      | rehab_closure_date      | 2026-02-10 |
      | rehab_closure_summary   | <progress> |
      | rehab_follow_up_planned | true       |
      | rehab_follow_up_date    | 2026-05-10 |
      | rehab_follow_up_by      | social     |
      | rehab_person_informed   | true       |
    Then the case is closed
    And the case data has rehab_exit_reason = "<reason>"

    Examples:
      | reason                 | progress                                         |
      | goals_met              | Living independently, working.                   |
      | voluntary_withdrawal   | Chose to leave the programme and live with kin.  |
      | handover_reintegration | Ready for the reintegration programme.           |
      | handover_repatriation  | Wants to return home; reflection period is over. |

  Scenario: contact is lost, the person is found again and the plan then reaches its goals
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | high        |
      | rehab_contact_with_traffickers | true        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value        |
      | rehab_plan_goals         | Safe housing |
      | rehab_services_planned   | ["shelter"]  |
      | rehab_plan_person_agreed | true         |
      | rehab_plan_date          | 2026-01-08   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | ongoing             |
    And the social services completes "Monitor the plan until the review"
      | field                     | value                          |
      | rehab_early_review_reason | lost_contact                   |
      | rehab_monitor_note        | Left the shelter two days ago. |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                     |
      | rehab_review_date     | 2026-01-25                |
      | rehab_review_progress | Person cannot be reached. |
      | rehab_review_decision | lost_contact              |
    Then the social services has a task "Search for the person"
    And the task "Search for the person" is due in 30 days
    And the case data has rehab_suspended = true
    When the social services completes "Search for the person"
      | field                | value               |
      | rehab_found_date     | 2026-02-02          |
      | rehab_search_actions | ["family", "phone"] |
    Then the social services has a task "Review rehabilitation plan"
    And the case data has rehab_suspended = false
    When the social services completes "Review rehabilitation plan"
      | field                 | value                            |
      | rehab_review_date     | 2026-02-03                       |
      | rehab_review_progress | Back with family, safe, working. |
      | rehab_review_decision | goals_met                        |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value                   |
      | rehab_closure_date      | 2026-02-04              |
      | rehab_closure_summary   | Goals met after search. |
      | rehab_follow_up_planned | false                   |
      | rehab_person_informed   | true                    |
    Then the case is closed
    And the case data has rehab_exit_reason = "goals_met"

  @timer
  Scenario: contact is lost and the person is not found within the search period
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | high        |
      | rehab_contact_with_traffickers | true        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value        |
      | rehab_plan_goals         | Safe housing |
      | rehab_services_planned   | ["shelter"]  |
      | rehab_plan_person_agreed | true         |
      | rehab_plan_date          | 2026-01-08   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-09 |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value               |
      | rehab_service_provider | Crisis centre Sezim |
      | rehab_service_start    | 2026-01-09          |
      | rehab_service_funding  | state_budget        |
      | rehab_service_status   | not_delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                 |
      | rehab_review_date     | 2026-02-09                            |
      | rehab_review_progress | Left the shelter, phone switched off. |
      | rehab_review_decision | lost_contact                          |
    And 29 days pass
    Then the social services has a task "Search for the person"
    When 2 days pass
    Then the social services has no task "Search for the person"
    And the social services has a task "Close rehabilitation and plan follow-up"
    And the case data has rehab_exit_reason = "lost_contact"
    When the social services tries to complete "Close rehabilitation and plan follow-up"
      | field                   | value                              |
      | rehab_closure_date      | 2026-03-12                         |
      | rehab_closure_summary   | Not found after the search period. |
      | rehab_follow_up_planned | false                              |
      | rehab_person_informed   | false                              |
    Then the answers are refused for rehab_not_informed_reason, rehab_inform_plan
    When the social services completes "Close rehabilitation and plan follow-up"
      | field                     | value                                          |
      | rehab_closure_date        | 2026-03-12                                     |
      | rehab_closure_summary     | Not found after the search period.             |
      | rehab_follow_up_planned   | false                                          |
      | rehab_person_informed     | false                                          |
      | rehab_not_informed_reason | Contact lost                                   |
      | rehab_inform_plan         | Told by the social services if she gets in touch |
    Then the case is closed
    And the case data has rehab_exit_reason = "lost_contact"

  @child
  Scenario: a missing child is not only searched for by the social services: the police get a report and child protection searches with them, within hours
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Adilet           |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field                          | value             |
      | rehab_needs                    | ["psychological"] |
      | rehab_retrafficking_risk       | high              |
      | rehab_contact_with_traffickers | true              |
    And the social services completes "Draft individual rehabilitation plan"
      | field                        | value             |
      | rehab_plan_goals             | Therapy           |
      | rehab_services_planned       | ["psychological"] |
      | rehab_provider_psychological | ngo               |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-021 |
      | child_guardian_agreed    | true         |
      | child_family_assessment  | safe         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Psychological help"
      | field                  | value           |
      | rehab_service_provider | Psychologist Ai |
      | rehab_service_status   | ongoing         |
    And the social services completes "Monitor the plan until the review"
      | field                     | value        |
      | rehab_early_review_reason | lost_contact |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                              |
      | rehab_review_progress | Did not come back to the shelter.  |
      | rehab_review_decision | lost_contact                       |
    Then the social services has a task "Report the missing child and alert child protection"
    And the task "Report the missing child and alert child protection" is due in 2 hours
    And the social services has a task "Search for the person"
    When the social services tries to complete "Report the missing child and alert child protection"
      | field                         | value |
      | missing_child_reported_police | false |
    Then the answers are refused for missing_child_reported_police
    When the social services completes "Report the missing child and alert child protection"
      | field                            | value                     |
      | missing_child_reported_police    | true                      |
      | missing_child_protection_alerted | true                      |
      | missing_child_police_reference   | Osh city police, KUSP 114 |
      | missing_child_last_seen          | Bus station, with an adult man |
    Then the child-protection body has a task "Search for the missing child with the police"
    And the task "Search for the missing child with the police" is due in 24 hours
    When the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    And the social services completes "Search for the person"
      | field                | value               |
      | rehab_found_date     | 2026-01-20          |
      | rehab_search_actions | ["family", "phone"] |
    Then the social services has a task "Review rehabilitation plan"
    And the case is open

  @child @consent @message
  Scenario: a withdrawal while a child is missing does not cancel the police and child-protection search
    # A parent (perhaps the trafficker) phones to "withdraw consent" while the child is missing:
    # the plan and the social services' own search end, the search with the police goes on.
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Adilet-2         |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field                          | value             |
      | rehab_needs                    | ["psychological"] |
      | rehab_retrafficking_risk       | high              |
      | rehab_contact_with_traffickers | true              |
    And the social services completes "Draft individual rehabilitation plan"
      | field                        | value             |
      | rehab_plan_goals             | Therapy           |
      | rehab_services_planned       | ["psychological"] |
      | rehab_provider_psychological | ngo               |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-021 |
      | child_guardian_agreed    | true         |
      | child_family_assessment  | safe         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Psychological help"
      | field                  | value           |
      | rehab_service_provider | Psychologist Ai |
      | rehab_service_status   | ongoing         |
    And the social services completes "Monitor the plan until the review"
      | field                     | value        |
      | rehab_early_review_reason | lost_contact |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                              |
      | rehab_review_progress | Did not come back to the shelter.  |
      | rehab_review_decision | lost_contact                       |
    When the social services completes "Report the missing child and alert child protection"
      | field                            | value                     |
      | missing_child_reported_police    | true                      |
      | missing_child_protection_alerted | true                      |
      | missing_child_police_reference   | Osh city police, KUSP 120 |
    Then the child-protection body has a task "Search for the missing child with the police"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | other |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-21 |
      | consent_still_agrees_to_help | false      |
    Then the social services has no task "Search for the person"
    And the social services has no task "Report the missing child and alert child protection"
    And the child-protection body has a task "Search for the missing child with the police"
    And the task "Search for the missing child with the police" is due in 24 hours
    When the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    Then the child-protection body has a task "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    When the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                        |
      | child_withdrawal_responsible   | District child-protection body, Osh          |
      | child_withdrawal_care          | missing                                      |
      | child_withdrawal_guardian_kept | true                                         |
      | child_withdrawal_contact_plan  | Daily contact with the police until found    |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the case is closed with outcome "voluntary_withdrawal"
    And the case data has no purge_personal_data

  @child @consent @message
  Scenario: a withdrawal before a missing child was reported to the police still gets the report made and the search started
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Adilet-3         |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field                          | value             |
      | rehab_needs                    | ["psychological"] |
      | rehab_retrafficking_risk       | high              |
      | rehab_contact_with_traffickers | true              |
    And the social services completes "Draft individual rehabilitation plan"
      | field                        | value             |
      | rehab_plan_goals             | Therapy           |
      | rehab_services_planned       | ["psychological"] |
      | rehab_provider_psychological | ngo               |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-021 |
      | child_guardian_agreed    | true         |
      | child_family_assessment  | safe         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Psychological help"
      | field                  | value           |
      | rehab_service_provider | Psychologist Ai |
      | rehab_service_status   | ongoing         |
    And the social services completes "Monitor the plan until the review"
      | field                     | value        |
      | rehab_early_review_reason | lost_contact |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                              |
      | rehab_review_progress | Did not come back to the shelter.  |
      | rehab_review_decision | lost_contact                       |
    Then the social services has a task "Report the missing child and alert child protection"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | other |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-21 |
      | consent_still_agrees_to_help | false      |
    Then the social services has no task "Search for the person"
    And the social services has a task "Report the missing child and alert child protection"
    And the task "Report the missing child and alert child protection" is due in 2 hours
    And the child-protection body has no task "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    When the social services completes "Report the missing child and alert child protection"
      | field                            | value                     |
      | missing_child_reported_police    | true                      |
      | missing_child_protection_alerted | true                      |
      | missing_child_police_reference   | Osh city police, KUSP 121 |
    Then the child-protection body has a task "Search for the missing child with the police"
    When the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    Then the child-protection body has a task "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    When the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                        |
      | child_withdrawal_responsible   | District child-protection body, Osh          |
      | child_withdrawal_care          | missing                                      |
      | child_withdrawal_guardian_kept | true                                         |
      | child_withdrawal_contact_plan  | Daily contact with the police until found    |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the case is closed with outcome "voluntary_withdrawal"
    And the case data has no purge_personal_data

  @child
  Scenario: a child's plan is agreed by the child-protection body before the commission approves it
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Nurai            |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field                          | value                                                     |
      | rehab_intake_date              | 2026-01-05                                                |
      | rehab_needs                    | ["psychological", "family_contact", "education_training"] |
      | rehab_retrafficking_risk       | medium                                                    |
      | rehab_contact_with_traffickers | false                                                     |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                                                     |
      | rehab_plan_goals         | Therapy, back to school, safe family contact              |
      | rehab_services_planned   | ["psychological", "family_contact", "education_training"] |
      | rehab_plan_person_agreed | true                                                      |
      | rehab_plan_date          | 2026-01-08                                                |
    Then the child-protection body has a task "Agree child protection plan"
    And the commission has no task "Approve rehabilitation plan"
    When the child-protection body completes "Agree child protection plan"
      | field                    | value                              |
      | child_protection_plan_id | CPP-2026-014                       |
      | child_guardian_agreed    | true                               |
      | child_views              | Wants to go back to school in Osh. |
      | child_family_assessment  | pending                            |
    Then the commission has a task "Approve rehabilitation plan"
    When the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-12 |
    Then the child-protection body has a task "Deliver service: Psychological help"
    And the child-protection body has a task "Deliver service: Family contact"
    And the child-protection body has a task "Deliver service: Education and vocational training"

  @child
  Scenario: a child leaves rehabilitation only when the child-protection body approves the exit
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Nurai            |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field                          | value              |
      | rehab_intake_date              | 2026-01-05         |
      | rehab_needs                    | ["psychological"]  |
      | rehab_retrafficking_risk       | medium             |
      | rehab_contact_with_traffickers | false              |
    And the social services completes "Draft individual rehabilitation plan"
      | field                       | value             |
      | rehab_plan_goals            | Therapy           |
      | rehab_services_planned      | ["psychological"] |
      | rehab_provider_psychological | ngo              |
      | rehab_plan_person_agreed    | true              |
      | rehab_plan_date             | 2026-01-08        |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-015 |
      | child_guardian_agreed    | true         |
      | child_family_assessment  | safe         |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value      |
      | rehab_plan_decision      | approved   |
      | rehab_plan_decision_date | 2026-01-12 |
    And the NGO completes "Deliver service: Psychological help"
      | field                  | value           |
      | rehab_service_provider | Psychologist Ai |
      | rehab_service_start    | 2026-01-12      |
      | rehab_service_funding  | donor           |
      | rehab_service_status   | delivered       |
    And the social services completes "Monitor the plan until the review"
      | field                     | value     |
      | rehab_early_review_reason | goals_met |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                      |
      | rehab_review_date     | 2026-02-01                 |
      | rehab_review_progress | Back at school, calm.      |
      | rehab_review_decision | goals_met                  |
    Then the child-protection body has a task "Approve the child's exit from rehabilitation"
    And the social services has no task "Close rehabilitation and plan follow-up"
    When the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                           | value                                        |
      | rehab_child_exit_approved       | false                                        |
      | rehab_child_exit_date           | 2026-02-02                                   |
      | rehab_child_exit_best_interests | The family has not been visited at home yet. |
    Then the social services has a task "Review rehabilitation plan"
    When the social services completes "Review rehabilitation plan"
      | field                 | value                          |
      | rehab_review_date     | 2026-02-10                     |
      | rehab_review_progress | Home visit done: family safe.  |
      | rehab_review_decision | goals_met                      |
    And the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                           | value                                  |
      | rehab_child_exit_approved       | true                                   |
      | rehab_child_exit_date           | 2026-02-11                             |
      | rehab_child_exit_care           | family                                 |
      | rehab_child_exit_best_interests | Safe family, school and therapy nearby. |
    Then the social services has a task "Close rehabilitation and plan follow-up"
    And the case data has rehab_exit_reason = "goals_met"

  Scenario: the reflection period runs from the day reasonable grounds were found
    Given a "social_rehabilitation" case reported by the police
      | field                   | value        |
      | pseudonym               | Bermet       |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2025-12-20" |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    Then the case data has rehab_reflection_start = "2025-12-20"
    And the case data has rehab_reflection_ends = "2026-01-19"

  Scenario: a person back in rehabilitation keeps the reflection period already running
    Given a "social_rehabilitation" case reported by the police
      | field                   | value        |
      | pseudonym               | Bermet       |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2025-12-20" |
      | rehab_reflection_start  | "2025-12-01" |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    Then the case data has rehab_reflection_start = "2025-12-01"
    And the case data has rehab_reflection_ends = "2025-12-31"

  @timer
  Scenario: a shelter stay whose free period ends undecided is reviewed on day 10
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
      | rehab_in_shelter               | true        |
      | rehab_shelter_since            | 2026-01-03  |
      | rehab_shelter_extension        | not_decided |
    And 7 days pass
    Then the social services has no task "Review the shelter stay (free period over)"
    When 1 day passes
    Then the social services has a task "Review the shelter stay (free period over)"
    And the social services has a task "Draft individual rehabilitation plan"
    When the social services completes "Review the shelter stay (free period over)"
      | field                     | value                |
      | rehab_shelter_review_date | 2026-01-13           |
      | rehab_shelter_decision    | extended_proceedings |
    Then the social services has no task "Review the shelter stay (free period over)"
    And the case data has rehab_shelter_decision = "extended_proceedings"

  @timer
  Scenario: SOP 3's shelter review sees the shelter extended for the trial and cannot move a witness out
    # The proceedings beside the rehabilitation extended her free stay until the trial ends:
    # the 10-day review shows that decision and cannot end the stay while it holds.
    Given a "social_rehabilitation" case reported by the police
      | field                    | value      |
      | pseudonym                | Bermet-2   |
      | presumed_child           | false      |
      | referral_receiver        | ngo        |
      | proceedings_participates | true       |
      | proceedings_shelter      | extended   |
      | proceedings_shelter_from | 2026-01-06 |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | high        |
      | rehab_contact_with_traffickers | true        |
      | rehab_in_shelter               | true        |
      | rehab_shelter_since            | 2026-01-03  |
      | rehab_shelter_extension        | not_decided |
    And 8 days pass
    Then the social services has a task "Review the shelter stay (free period over)"
    When the social services tries to complete "Review the shelter stay (free period over)"
      | field                              | value                           |
      | rehab_shelter_review_date          | 2026-01-13                      |
      | rehab_shelter_proceedings_extended | true                            |
      | rehab_shelter_decision             | moved_on                        |
      | rehab_shelter_moving_on            | A rented room, address withheld |
    Then the answers are refused for rehab_shelter_decision
    And the social services has a task "Review the shelter stay (free period over)"
    When the social services completes "Review the shelter stay (free period over)"
      | field                              | value                |
      | rehab_shelter_review_date          | 2026-01-13           |
      | rehab_shelter_proceedings_extended | true                 |
      | rehab_shelter_decision             | extended_proceedings |
    Then the social services has no task "Review the shelter stay (free period over)"
    And the case data has rehab_shelter_decision = "extended_proceedings"

  Scenario: a shelter stay already extended gets no review, and the rehabilitation then closes as usual
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Bermet |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                |
      | rehab_intake_date              | 2026-01-05           |
      | rehab_needs                    | ["shelter"]          |
      | rehab_retrafficking_risk       | low                  |
      | rehab_contact_with_traffickers | false                |
      | rehab_in_shelter               | true                 |
      | rehab_shelter_since            | 2026-01-03           |
      | rehab_shelter_extension        | extended_proceedings |
    And 20 days pass
    Then the social services has no task "Review the shelter stay (free period over)"

  @consent @message
  Scenario: a woman withdraws consent during rehabilitation
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Nazira |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                  |
      | rehab_intake_date              | 2026-01-05             |
      | rehab_needs                    | ["shelter", "medical"] |
      | rehab_retrafficking_risk       | low                    |
      | rehab_contact_with_traffickers | false                  |
    Then the social services has a task "Draft individual rehabilitation plan"
    And the case waits for the message "consent_withdrawn"
    And the police cannot send the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value                |
      | consent_withdrawn_on         | 2026-01-07           |
      | consent_withdrawn_from       | ["police", "health"] |
      | consent_still_agrees_to_help | true                 |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the NGO has a task "Agree the help that continues after consent was withdrawn"
    And the case does not wait for the message "consent_withdrawn"
    And the case data has consent_withdrawn_on = "2026-01-07"
    And the case data has consent_withdrawn_from = ["police", "health"]
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                                   |
      | consent_help_continuing | Shelter until 31 January, no other help |
    Then the case is closed with outcome "voluntary_withdrawal"
    And the case data has consent_help_continuing = "Shelter until 31 January, no other help"
    And the case data has no purge_personal_data

  @consent @message
  Scenario: she tells the social services, not the NGO, that she withdraws her consent, and the social services can record it
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Gulzat |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    Then the police cannot send the message "consent_withdrawn"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value     |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true      |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the NGO has a task "Agree the help that continues after consent was withdrawn"

  @consent @message
  Scenario: she stops sharing her data with the prosecutor's office and the border service, not only with the police
    # Pages review 3 P3-11: every agency that may hold her data can be named, as in the other withdrawals.
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Saltanat |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value                      |
      | consent_withdrawn_on         | 2026-01-07                 |
      | consent_withdrawn_from       | ["prosecutor", "border"]   |
      | consent_still_agrees_to_help | true                       |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    And the case data has consent_withdrawn_from = ["prosecutor", "border"]

  @consent @message
  Scenario: a woman withdraws all consent and only an anonymous notification is kept
    Given a "social_rehabilitation" case reported by the police
      | field             | value  |
      | pseudonym         | Gulzat |
      | presumed_child    | false  |
      | referral_receiver | ngo    |
    When the NGO completes "Intake and needs assessment"
      | field                          | value       |
      | rehab_intake_date              | 2026-01-05  |
      | rehab_needs                    | ["shelter"] |
      | rehab_retrafficking_risk       | low         |
      | rehab_contact_with_traffickers | false       |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | false      |
    Then the social services has no open tasks
    And the NGO has no open tasks
    And the case is closed with outcome "voluntary_withdrawal"
    And the case data has purge_personal_data = true

  @consent @message
  Scenario: a woman who still agrees to her police report withdraws all other consent: her identity is kept for the proceedings
    # Issue 16 (as review 4 M-5): a witness's identity is never purged; SOP 3 purged it unconditionally.
    Given a "social_rehabilitation" case reported by the police
      | field                 | value   |
      | pseudonym             | Gulzat-2 |
      | presumed_child        | false   |
      | referral_receiver     | ngo     |
      | consent_police_report | true    |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | false      |
    Then the case is closed with outcome "voluntary_withdrawal"
    And the case data has no purge_personal_data

  @child @consent @message
  Scenario: a child's consent is withdrawn during rehabilitation: the child-protection body keeps the child protected and nothing is purged
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Aizada-15        |
      | presumed_child    | true             |
      | referral_receiver | ngo              |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                              |
      | rehab_intake_date              | 2026-01-05                         |
      | rehab_needs                    | ["shelter", "psychological"]       |
      | rehab_retrafficking_risk       | high                               |
      | rehab_contact_with_traffickers | false                              |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | child |
      | consent_withdrawn_on         | 2026-01-07 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | false      |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the child-protection body has a task "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    And the task "Keep the child protected when the rehabilitation ends on a withdrawn consent" is due in 24 hours
    And the NGO has no open tasks
    And the case is open
    And the case data has no purge_personal_data
    When the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                          |
      | child_withdrawal_responsible   | District child-protection body, Osh            |
      | child_withdrawal_care          | shelter                                        |
      | child_withdrawal_guardian_kept | true                                           |
      | child_withdrawal_contact_plan  | weekly visit to the shelter with the guardian  |
      | consent_help_continuing        | Shelter and school; therapy when she asks      |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the case is closed with outcome "voluntary_withdrawal"
    And the case data has child_withdrawal_care = "shelter"
    And the case data has no purge_personal_data

  @message
  Scenario: contact lost while a service is being delivered stops the plan at once; found, her plan is reviewed at once, without a new intake
    # Review 5 R5-3: before, a person found again started from intake, a new plan and a new approval.
    Given a "social_rehabilitation" case reported by the police
      | field             | value     |
      | pseudonym         | Zarina-41 |
      | presumed_child    | false     |
      | referral_receiver | ngo       |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    Then the NGO has a task "Deliver service: Shelter"
    When the NGO sends the message "contact_lost" with:
      | field                      | value                                    |
      | contact_lost_date          | "2026-01-05"                             |
      | contact_lost_circumstances | "Left the shelter and did not come back" |
    Then the NGO has no task "Deliver service: Shelter"
    And the social services has a task "Search for the person"
    And the task "Search for the person" is due in 30 days
    And the NGO has no task "Report the missing child to the police"
    And the child-protection body has no open tasks
    When the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-08" |
    Then the social services has a task "Review rehabilitation plan"
    And the NGO has no task "Intake and needs assessment"
    And the commission has no open tasks
    And the case is open
    When the social services completes "Review rehabilitation plan"
      | field                 | value    |
      | rehab_review_decision | continue |
    Then the NGO has a task "Deliver service: Shelter"

  @child @message
  Scenario: a child lost before her plan is approved is reported to the police at once and searched for with child protection; not found in the search period, her rehabilitation closes only with child protection's approval
    # Review 5 R5-3: before, the receiver searched alone and, after the search period, the case was closed
    # without the child-protection body.
    Given a "social_rehabilitation" case reported by the police
      | field             | value            |
      | pseudonym         | Adilet-44        |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the child-protection body sends the message "contact_lost" with:
      | field                      | value                                 |
      | contact_lost_date          | "2026-01-05"                          |
      | contact_lost_circumstances | "Did not come back from school"       |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the child-protection body has a task "Report the missing child to the police"
    And the task "Report the missing child to the police" is due in 2 hours
    When the child-protection body completes "Report the missing child to the police"
      | field                            | value                     |
      | missing_child_reported_police    | true                      |
      | missing_child_protection_alerted | true                      |
      | missing_child_police_reference   | Osh city police, KUSP 201 |
    Then the child-protection body has a task "Search for the missing child with the police"
    And the social services has a task "Search for the person"
    And the social services has no task "Report the missing child and alert child protection"
    When the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    And 31 days pass
    Then the case is open
    And the child-protection body has a task "Approve the child's exit from rehabilitation"
    And the social services has no task "Close rehabilitation and plan follow-up"
    When the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                           | value                                                   |
      | rehab_child_exit_approved       | true                                                    |
      | rehab_child_exit_best_interests | Police search goes on; the case reopens when she is found |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the case is closed with outcome "lost_contact"

  @child @message
  Scenario: a child lost during her plan is searched for with child protection and, found, her plan is reviewed at once
    # Review 5 R5-3.
    Given a "social_rehabilitation" case reported by the police
      | field             | value     |
      | pseudonym         | Nurjan-14 |
      | presumed_child    | true      |
      | referral_receiver | ngo       |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-144 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO sends the message "contact_lost" with:
      | field                      | value                            |
      | contact_lost_date          | "2026-01-05"                     |
      | contact_lost_circumstances | "Ran away from the shelter"      |
    And the NGO completes "Report the missing child to the police"
      | field                            | value                      |
      | missing_child_reported_police    | true                       |
      | missing_child_protection_alerted | true                       |
      | missing_child_police_reference   | Bishkek police, KUSP 402   |
    Then the child-protection body has a task "Search for the missing child with the police"
    And the social services has a task "Search for the person"
    When the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-09" |
    Then the social services has a task "Review rehabilitation plan"
    And the NGO has no task "Intake and needs assessment"
    And the child-protection body has no task "Agree child protection plan"
    And the case is open

  @message
  Scenario: a person lost before any plan ran and found again starts with her intake, the reflection period kept
    Given a "social_rehabilitation" case reported by the police
      | field                   | value        |
      | pseudonym               | Saltanat-29  |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2026-01-02" |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the NGO sends the message "contact_lost" with:
      | field                      | value                 |
      | contact_lost_date          | "2026-01-05"          |
      | contact_lost_circumstances | "Left with a relative" |
    And the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-07" |
    Then the NGO has a task "Intake and needs assessment"
    And the social services has no task "Review rehabilitation plan"
    And the case data has rehab_reflection_start = "2026-01-02"
    And the case is open
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Shelter"
      | field                | value     |
      | rehab_service_status | delivered |
    And the social services completes "Monitor the plan until the review"
      | field                     | value     |
      | rehab_early_review_reason | goals_met |
    And the social services completes "Review rehabilitation plan"
      | field                 | value     |
      | rehab_review_decision | goals_met |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the case is closed with outcome "goals_met"

  @message
  Scenario: when the person has left for her country of origin the rehabilitation here ends with that reason instead of waiting for its review
    Given a "social_rehabilitation" case reported by the police
      | field             | value     |
      | pseudonym         | Dilnoza-42 |
      | presumed_child    | false     |
      | is_foreign        | true      |
      | referral_receiver | ngo       |
    When the NGO completes "Intake and needs assessment"
      | field       | value                        |
      | rehab_needs | ["shelter", "psychological"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value                        |
      | rehab_services_planned | ["shelter", "psychological"] |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    Then the NGO has a task "Deliver service: Shelter"
    When IOM sends the message "person_departed" with:
      | field                 | value        |
      | return_travel_departure_date | "2026-01-05" |
    Then the NGO has no task "Deliver service: Shelter"
    And the NGO has a task "Close the rehabilitation: the person has returned home"
    When the NGO tries to complete "Close the rehabilitation: the person has returned home"
      | field                              | value |
      | rehab_returned_home_providers_told | false |
    Then the answers are refused for rehab_returned_home_providers_told
    When the NGO completes "Close the rehabilitation: the person has returned home"
      | field                              | value                                                         |
      | rehab_closure_summary              | "Shelter and counselling ended; contacts of the receiving NGO given to her" |
      | rehab_returned_home_providers_told | true                                                          |
    Then the case is closed
    And the case data has rehab_exit_reason = "handover_repatriation"

  @child @message
  Scenario: a foreign child who has left for home leaves rehabilitation only with child protection's approval recorded
    # Review 4 M-2: the receiver closed a child's rehabilitation on her departure without child protection.
    Given a "social_rehabilitation" case reported by the police
      | field             | value      |
      | pseudonym         | Dilnoza-16 |
      | presumed_child    | true       |
      | is_foreign        | true       |
      | referral_receiver | ngo        |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-160 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And IOM sends the message "person_departed" with:
      | field                        | value        |
      | return_travel_departure_date | "2026-01-05" |
    And the NGO tries to complete "Close the rehabilitation: the person has returned home"
      | field                              | value                                         |
      | rehab_closure_summary              | "Shelter ended; handed over to the receiving NGO" |
      | rehab_returned_home_providers_told | true                                          |
    Then the answers are refused for rehab_child_exit_approved
    When the NGO completes "Close the rehabilitation: the person has returned home"
      | field                              | value                                         |
      | rehab_closure_summary              | "Shelter ended; handed over to the receiving NGO" |
      | rehab_returned_home_providers_told | true                                          |
      | rehab_child_exit_approved          | true                                          |
      | rehab_child_exit_date              | "2026-01-05"                                  |
    Then the case is closed
    And the case data has rehab_exit_reason = "handover_repatriation"
    And the case data has rehab_child_exit_approved = true

  @child @consent @message
  Scenario: a child's consent withdrawn during rehabilitation by a guardian suspected of involvement is not acted on: another guardian is appointed and the rehabilitation starts again
    Given a "social_rehabilitation" case reported by the police
      | field                   | value                |
      | pseudonym               | Adilet-43            |
      | presumed_child          | true                 |
      | referral_receiver       | child_protection     |
      | child_guardian_name     | "Uncle of the child" |
      | child_guardian_relation | relative             |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                                 | value                                     |
      | child_withdrawal_responsible          | "District child-protection body, Bishkek" |
      | child_withdrawal_care                 | shelter                                   |
      | child_withdrawal_guardian_kept        | false                                     |
      | child_withdrawal_contact_plan         | "Weekly visit to the shelter"             |
      | child_withdrawal_withdrawer_suspected | true                                      |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | "Appointed guardian" |
      | child_new_guardian_relation | appointed_guardian   |
      | child_suspect_kept_away     | true                 |
    And the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                 |
      | child_withdrawal_best_interests             | services_continue                     |
      | child_withdrawal_best_interests_child_views | "She wants to stay in the shelter"    |
    Then the case is closed with outcome "child_withdrawal_not_acted_on"
    And the case data has child_guardian_name = "Appointed guardian"
    And the case data has child_guardian_suspected_name = "Uncle of the child"
    And the case data has child_guardian_suspected_relation = "relative"
    And the case data has no purge_personal_data
