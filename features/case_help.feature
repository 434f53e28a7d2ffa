Feature: Help after referral: rehabilitation and, for a person who is not a Kyrgyz citizen, return
  nrm_case calls this once the referral was accepted. A Kyrgyz citizen goes through social
  rehabilitation (SOP 3) alone; the full paths (citizenship verified, 4B beside SOP 3, the
  return after rehabilitation and the ways back into SOP 3) are in nrm_case.feature.

  Scenario: a Kyrgyz citizen's help is social rehabilitation, which ends with its goals met
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Aigul-01"   |
      | citizenship             | KG           |
      | citizenship_to_verify   | false        |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2026-01-05" |
    Then the registration service has no task "Verify citizenship"
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
    And IOM has no open tasks

  Scenario: a hand-over to repatriation is not offered for a Kyrgyz citizen, who is already home
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Aigul-02"   |
      | citizenship             | KG           |
      | citizenship_to_verify   | false        |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2026-01-05" |
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
    And the social services tries to complete "Review rehabilitation plan"
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    Then the answers are refused for rehab_review_decision
    When the social services completes "Review rehabilitation plan"
      | field                 | value                  |
      | rehab_review_decision | handover_reintegration |
    Then the social services has a task "Close rehabilitation and plan follow-up"

  @citizenship
  Scenario: a citizenship not established at first is recorded when the procedure establishes it at home: another country's citizen may then be handed over to the return procedure
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Ainura-31"  |
      | citizenship             | unknown      |
      | citizenship_to_verify   | true         |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2026-01-05" |
    When the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
      | field                      | value                    |
      | citizenship_procedure_kind | identity_and_citizenship |
    And the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    Then the case data has citizenship_unresolved = true
    And the case waits for the message "citizenship_established"
    When the registration service sends the message "citizenship_established" with:
      | field                            | value                                      |
      | citizenship_established_as       | other                                      |
      | citizenship_established_country  | UZ                                         |
      | citizenship_established_basis    | "Confirmed by the consulate of Uzbekistan" |
    Then the case data has citizenship = "UZ"
    And the case data has is_foreign = true
    And the case data has citizenship_unresolved = false
    When the social services completes "Draft individual rehabilitation plan"
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
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the NGO has a task "Explain rights and the reflection period"

  @citizenship
  Scenario: established a Kyrgyz citizen at home, the person is no longer treated as a foreign national and no return is offered
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Ainura-32"  |
      | citizenship             | unknown      |
      | citizenship_to_verify   | true         |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | reasonable_grounds_date | "2026-01-05" |
    When the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
    Then the case data has is_foreign = true
    When the registration service sends the message "citizenship_established" with:
      | field                         | value                                   |
      | citizenship_established_as    | kyrgyz                                  |
      | citizenship_established_basis | "Birth record found in the Osh archive" |
    Then the case data has citizenship = "KG"
    And the case data has is_foreign = false
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
    And the social services tries to complete "Review rehabilitation plan"
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    Then the answers are refused for rehab_review_decision
    And IOM has no open tasks
