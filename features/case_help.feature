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
      | referral_decision       | accepted     |
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
      | referral_decision       | accepted     |
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
      | referral_decision       | accepted     |
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
      | referral_decision       | accepted     |
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

  @consent @child
  Scenario: a child's consent withdrawn during her citizenship verification by a guardian suspected of involvement is not acted on: the verification goes on, another guardian is appointed and the child's rehabilitation runs after it
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Aidana-31"          |
      | age                     | 15                   |
      | citizenship             | unknown              |
      | citizenship_to_verify   | true                 |
      | is_foreign              | false                |
      | presumed_child          | true                 |
      | referral_receiver       | child_protection     |
      | referral_decision       | accepted             |
      | child_guardian_name     | "Uncle of the child" |
      | child_guardian_relation | relative             |
      | reasonable_grounds_date | "2026-01-05"         |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | false        |
    # Review 4 N-3: before, the withdrawal cancelled the verification.
    Then the registration service has a task "Verify citizenship"
    When the child-protection body tries to complete "Keep the child protected after consent was withdrawn"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | false                                     |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
    Then the answers are refused for child_withdrawal_withdrawer_suspected
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                                     |
      | child_withdrawal_responsible          | "District child-protection body, Bishkek" |
      | child_withdrawal_care                 | shelter                                   |
      | child_withdrawal_guardian_kept        | false                                     |
      | child_withdrawal_contact_plan         | "Weekly visit to the shelter"             |
      | child_withdrawal_withdrawer_suspected | true                                      |
    Then the child-protection body has no task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                   |
      | child_new_guardian_name     | "Appointed guardian"    |
      | child_new_guardian_relation | appointed_guardian      |
      | child_suspect_kept_away     | true                    |
    Then the case data has child_guardian_name = "Appointed guardian"
    And the case data has child_guardian_suspected_name = "Uncle of the child"
    And the case data has child_guardian_suspected_relation = "relative"
    When the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                        |
      | child_withdrawal_best_interests             | services_continue                            |
      | child_withdrawal_best_interests_child_views | "She wants to stay at the shelter and study" |
    Then the registration service has a task "Verify citizenship"
    And the child-protection body has no task "Agree the help that continues after consent was withdrawn"
    And the child-protection body has no task "Intake and needs assessment"
    When the registration service completes "Verify citizenship"
      | field                   | value  |
      | citizenship_verified_as | kyrgyz |
    Then the child-protection body has a task "Intake and needs assessment"
    And the case data has citizenship = "KG"
    And the case data has no rehab_exit_reason
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-031 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the child-protection body completes "Deliver service: Shelter"
      | field                | value     |
      | rehab_service_status | delivered |
    And the social services completes "Monitor the plan until the review"
      | field                     | value     |
      | rehab_early_review_reason | goals_met |
    And the social services completes "Review rehabilitation plan"
      | field                 | value     |
      | rehab_review_decision | goals_met |
    And the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                     | value |
      | rehab_child_exit_approved | true  |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the case is closed with outcome "goals_met"

  @consent
  Scenario: an adult who first agreed to a police report and has since withdrawn it keeps only an anonymous notification when she withdraws help and wants none
    # Review 4 M-5: a police report she withdrew no longer keeps her identity.
    Given a "case_help" case reported by the NGO
      | field                          | value        |
      | pseudonym                      | "Aidana-35"  |
      | age                            | 30           |
      | citizenship                    | unknown      |
      | citizenship_to_verify          | true         |
      | is_foreign                     | false        |
      | presumed_child                 | false        |
      | referral_receiver              | ngo          |
      | referral_decision              | accepted     |
      | consent_police_report          | true         |
      | consent_police_report_withdrawn | true        |
      | reasonable_grounds_date        | "2026-01-05" |
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | false        |
    Then the registration service has a task "Verify citizenship"
    And the case is open
    When the registration service completes "Verify citizenship"
      | field                        | value |
      | citizenship_verified_as      | other |
      | citizenship_verified_country | UZ    |
    Then the case is closed
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case data has purge_personal_data = true
    And the NGO has no open tasks
    And IOM has no open tasks

  @consent @child
  Scenario: a child's own withdrawal ends the services only once child protection found it in her best interests; she stays protected and gets the help agreed
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Aidana-32"          |
      | age                     | 17                   |
      | citizenship             | unknown              |
      | citizenship_to_verify   | true                 |
      | is_foreign              | false                |
      | presumed_child          | true                 |
      | referral_receiver       | child_protection     |
      | referral_decision       | accepted             |
      | child_guardian_name     | "Mother"             |
      | child_guardian_relation | parent               |
      | reasonable_grounds_date | "2026-01-05"         |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | family                                    |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Monthly visit by the inspector"          |
    Then the child-protection body has no task "Agree the help that continues after consent was withdrawn"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                          |
      | child_withdrawal_best_interests             | services_end                                   |
      | child_withdrawal_best_interests_child_views | "She is 17, back with her mother, goes to school" |
    Then the social services has no task "Agree the help that continues after consent was withdrawn"
    When the child-protection body completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                      |
      | consent_help_continuing | "School support and counselling" |
    And the child-protection body completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["other"]    |
      | withdrawn_help_date     | "2026-01-20" |
    Then the case is open
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                   | value  |
      | citizenship_verified_as | kyrgyz |
    Then the case is closed
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case data has no purge_personal_data
    And the child-protection body has no task "Intake and needs assessment"

  @consent @child
  Scenario: a child's withdrawal during rehabilitation that child protection does not find in her best interests starts her rehabilitation again
    Given a "case_help" case reported by the NGO
      | field                   | value            |
      | pseudonym               | "Aidana-34"      |
      | age                     | 14               |
      | citizenship             | KG               |
      | citizenship_to_verify   | false            |
      | is_foreign              | false            |
      | presumed_child          | true             |
      | referral_receiver       | child_protection |
      | child_guardian_name     | "Mother"         |
      | child_guardian_relation | parent           |
      | reasonable_grounds_date | "2026-01-05"     |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                            |
      | child_withdrawal_best_interests             | services_continue                                |
      | child_withdrawal_best_interests_child_views | "Scared after a call from the recruiter; wants to stay safe" |
    Then the child-protection body has a task "Intake and needs assessment"
    And the case is open

  @repatriation @message
  Scenario: a foreign victim who departs for home with 4B beside her rehabilitation: IOM's one message closes the rehabilitation here too, and help ends without waiting for a review
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Feruza-31"  |
      | citizenship             | UZ           |
      | citizenship_to_verify   | false        |
      | is_foreign              | true         |
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
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-05"             |
      | return_reflection_waiver_reference | "signed request, file 3" |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field               | value      |
      | return_risk_level   | low        |
      | return_risk_factors | ["stigma"] |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                            |
      | return_receiving_organisation | "Reintegration centre, Tashkent" |
      | return_receiving_country      | UZ                               |
      | return_handover_data_items    | ["contact_details", "needs"]     |
      | return_handover_data_consent  | true                             |
      | return_handover_consent_by    | person                           |
    And IOM completes "Prepare reintegration plan"
      | field                         | value                   |
      | return_reintegration_services | ["vocational_training"] |
    Then IOM has a task "Organise assisted return"
    And the NGO has a task "Deliver service: Shelter"
    When IOM sends the message "person_departed" with:
      | field                        | value                    |
      | return_travel_departure_date | "2026-01-05"             |
      | return_travel_mode           | road                     |
      | return_travel_arrival_point  | "Dostuk border crossing" |
    Then the NGO has no task "Deliver service: Shelter"
    And the NGO has a task "Close the rehabilitation: the person has returned home"
    When the NGO completes "Close the rehabilitation: the person has returned home"
      | field                              | value                                                 |
      | rehab_closure_summary              | "Shelter ended; the receiving centre has her contacts" |
      | rehab_returned_home_providers_told | true                                                  |
    And IOM completes "Hand over to the receiving organisation"
      | field                     | value        |
      | return_handover_date      | "2026-01-05" |
      | return_handover_confirmed | true         |
    Then the case is closed
    And the case data has repatriation_outcome = "returned_home"
    And the case data has rehab_exit_reason = "handover_repatriation"

  @repatriation @message
  Scenario: contact lost with 4B beside her rehabilitation stops both; found, her plan is reviewed at once and, at its end, she gets her options discussed anew
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Feruza-32"  |
      | citizenship             | UZ           |
      | citizenship_to_verify   | false        |
      | is_foreign              | true         |
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
      | field                | value   |
      | rehab_service_status | ongoing |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the NGO sends the message "contact_lost" with:
      | field                      | value                                    |
      | contact_lost_date          | "2026-01-05"                             |
      | contact_lost_circumstances | "Left the shelter and did not come back" |
    Then the case data has repatriation_outcome = "lost_contact"
    And the social services has a task "Search for the person"
    When the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-05" |
    Then the social services has a task "Review rehabilitation plan"
    And the NGO has no task "Intake and needs assessment"
    When the social services completes "Review rehabilitation plan"
      | field                 | value     |
      | rehab_review_decision | goals_met |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the NGO has a task "Explain rights and the reflection period"
    And the case is open

  @repatriation @message @child
  Scenario: a foreign child who goes missing during her return after rehabilitation is searched for in rehabilitation, and her case closes only with child protection's approval
    # Review 4 N-14: before, 4B's "Report the missing child" ended the return and the case closed on it.
    Given a "case_help" case reported by the NGO
      | field                   | value              |
      | pseudonym               | "Firuza-16"        |
      | age                     | 16                 |
      | citizenship             | TJ                 |
      | citizenship_to_verify   | false              |
      | is_foreign              | true               |
      | presumed_child          | true               |
      | referral_receiver       | ngo                |
      | child_guardian_name     | "Appointed guardian" |
      | child_guardian_relation | appointed_guardian |
      | reasonable_grounds_date | "2026-01-05"       |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-161 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Shelter"
      | field                | value   |
      | rehab_service_status | ongoing |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the NGO sends the message "contact_lost" with:
      | field                      | value                                    |
      | contact_lost_date          | "2026-01-05"                             |
      | contact_lost_circumstances | "Left the foster placement"              |
    And the NGO completes "Report the missing child to the police"
      | field                            | value                     |
      | missing_child_reported_police    | true                      |
      | missing_child_protection_alerted | true                      |
      | missing_child_police_reference   | Bishkek police, KUSP 301  |
    And the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    And the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-05" |
    And the social services completes "Review rehabilitation plan"
      | field                 | value     |
      | rehab_review_decision | goals_met |
    And the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                     | value |
      | rehab_child_exit_approved | true  |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the NGO has a task "Explain rights and the reflection period"
    When the NGO sends the message "contact_lost" with:
      | field                      | value                                          |
      | contact_lost_date          | "2026-01-05"                                   |
      | contact_lost_circumstances | "Disappeared the week her travel documents came" |
    And the social services completes "Report the missing child and alert child protection"
      | field                            | value                    |
      | missing_child_reported_police    | true                     |
      | missing_child_protection_alerted | true                     |
      | missing_child_police_reference   | Bishkek police, KUSP 377 |
    Then the case is open
    And the social services has a task "Search for the person"
    And the social services has no task "Close the case"
    When 31 days pass
    Then the child-protection body has a task "Approve the child's exit from rehabilitation"
    And the case is open

  @repatriation @consent @child
  Scenario: a foreign child's withdrawal that stopped her rehabilitation and her return beside it, not acted on by child protection, lets both go on
    # Issue 16 item 4: before, only the rehabilitation started again; the return beside it stayed stopped.
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Madina-13"          |
      | age                     | 13                   |
      | citizenship             | TJ                   |
      | citizenship_to_verify   | false                |
      | is_foreign              | true                 |
      | presumed_child          | true                 |
      | referral_receiver       | ngo                  |
      | child_guardian_name     | "Mother"             |
      | child_guardian_relation | parent               |
      | reasonable_grounds_date | "2026-01-05"         |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    Then the NGO has a task "Explain rights and the reflection period"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | false        |
    Then the NGO has no task "Explain rights and the reflection period"
    When the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
      | child_withdrawal_withdrawer_suspected | false                              |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                  |
      | child_withdrawal_best_interests             | services_continue                      |
      | child_withdrawal_best_interests_child_views | "She wants to stay safe and go home later" |
    Then the NGO has a task "Intake and needs assessment"
    And the NGO has a task "Explain rights and the reflection period"
    And the case is open

  @repatriation @consent @child
  Scenario: a foreign child's return already ended on its own decided withdrawal is not started again when a later withdrawal of help is not acted on: her rehabilitation goes on
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Madina-14"          |
      | age                     | 14                   |
      | citizenship             | TJ                   |
      | citizenship_to_verify   | false                |
      | is_foreign              | true                 |
      | presumed_child          | true                 |
      | referral_receiver       | ngo                  |
      | child_guardian_name     | "Mother"             |
      | child_guardian_relation | parent               |
      | reasonable_grounds_date | "2026-01-05"         |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["return"]   |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                                     |
      | child_withdrawal_responsible          | "District child-protection body, Bishkek" |
      | child_withdrawal_care                 | shelter                                   |
      | child_withdrawal_guardian_kept        | true                                      |
      | child_withdrawal_contact_plan         | "Weekly visit to the shelter"             |
      | child_withdrawal_withdrawer_suspected | false                                     |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                          |
      | child_withdrawal_best_interests             | services_end                   |
      | child_withdrawal_best_interests_child_views | "She does not want to go back" |
    Then the NGO has no task "Explain rights and the reflection period"
    And the social services has a task "Draft individual rehabilitation plan"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                                 | value                                     |
      | child_withdrawal_responsible          | "District child-protection body, Bishkek" |
      | child_withdrawal_care                 | shelter                                   |
      | child_withdrawal_guardian_kept        | true                                      |
      | child_withdrawal_contact_plan         | "Weekly visit to the shelter"             |
      | child_withdrawal_withdrawer_suspected | false                                     |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                         |
      | child_withdrawal_best_interests             | services_continue             |
      | child_withdrawal_best_interests_child_views | "She wants to stay in the shelter" |
    Then the NGO has a task "Intake and needs assessment"
    And the NGO has no task "Explain rights and the reflection period"
    And the case is open

  @consent
  Scenario: a woman who kept some help after withdrawing her consent in rehabilitation withdraws that help too: only an anonymous notification is kept
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Gulzat-33"  |
      | citizenship             | KG           |
      | citizenship_to_verify   | false        |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | referral_decision       | accepted     |
      | reasonable_grounds_date | "2026-01-05" |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value          |
      | consent_help_continuing | "Legal advice" |
    Then the NGO has a task "Provide the help that continues"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-15" |
      | consent_still_agrees_to_help | false        |
    Then the case is closed
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case data has purge_personal_data = true

  @consent
  Scenario: a woman who kept some help after withdrawing her consent in rehabilitation changes what she wants: the new help is agreed and provided
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Gulzat-34"  |
      | citizenship             | KG           |
      | citizenship_to_verify   | false        |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | referral_decision       | accepted     |
      | reasonable_grounds_date | "2026-01-05" |
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value          |
      | consent_help_continuing | "Legal advice" |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-15" |
      | consent_still_agrees_to_help | true         |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                 |
      | consent_help_continuing | "Counselling by phone" |
    And the NGO completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["other"]    |
      | withdrawn_help_date     | "2026-01-20" |
    Then the case is closed
    And the case data has consent_help_continuing = "Counselling by phone"
    And the case data has no purge_personal_data

  @consent @child
  Scenario: a child's help kept after her withdrawal is withdrawn again by her own choice: child protection ends it only once it found that in her best interests, and agrees the help that remains
    Given a "case_help" case reported by the NGO
      | field                   | value              |
      | pseudonym               | "Aidana-36"        |
      | age                     | 17                 |
      | citizenship             | KG                 |
      | citizenship_to_verify   | false              |
      | is_foreign              | false              |
      | presumed_child          | true               |
      | referral_receiver       | child_protection   |
      | referral_decision       | accepted           |
      | child_guardian_name     | "Mother"           |
      | child_guardian_relation | parent             |
      | reasonable_grounds_date | "2026-01-05"       |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | family                                    |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Monthly visit by the inspector"          |
      | consent_help_continuing        | "School support"                          |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the child-protection body has a task "Provide the help that continues"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-15" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | family                                    |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Monthly visit by the inspector"          |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                          |
      | child_withdrawal_best_interests             | services_end                   |
      | child_withdrawal_best_interests_child_views | "She wants only her school help" |
    And the child-protection body completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                     |
      | consent_help_continuing | "School support only"     |
    And the child-protection body completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["other"]    |
      | withdrawn_help_date     | "2026-01-20" |
    Then the case is closed
    And the case data has no purge_personal_data

  @consent @child @message
  Scenario: a child whose rehabilitation goes on after a suspected guardian's withdrawal goes missing; found, her plan is reviewed at once and her help does not end
    # Review 5 R5-3 / review 4 N-3: inside case_help's "Consent to help withdrawn", a child found again
    # ended the help instead of going on.
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Aidana-37"          |
      | age                     | 15                   |
      | citizenship             | KG                   |
      | citizenship_to_verify   | false                |
      | is_foreign              | false                |
      | presumed_child          | true                 |
      | referral_receiver       | child_protection     |
      | referral_decision       | accepted             |
      | child_guardian_name     | "Uncle of the child" |
      | child_guardian_relation | relative             |
      | reasonable_grounds_date | "2026-01-05"         |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
      | consent_help_continuing        | "Shelter"                                 |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-15" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
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
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                      |
      | child_withdrawal_best_interests             | services_continue          |
      | child_withdrawal_best_interests_child_views | "She wants to stay and study" |
    And the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-037 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the child-protection body sends the message "contact_lost" with:
      | field                      | value                       |
      | contact_lost_date          | "2026-01-05"                |
      | contact_lost_circumstances | "Ran away from the shelter" |
    And the child-protection body completes "Report the missing child to the police"
      | field                            | value                    |
      | missing_child_reported_police    | true                     |
      | missing_child_protection_alerted | true                     |
      | missing_child_police_reference   | Bishkek police, KUSP 512 |
    And the child-protection body completes "Search for the missing child with the police"
      | field                        | value                                    |
      | missing_child_search_actions | ["police_contacted", "regions_alerted"] |
    And the social services completes "Search for the person"
      | field            | value        |
      | rehab_found_date | "2026-01-05" |
    Then the social services has a task "Review rehabilitation plan"
    And the child-protection body has no task "Intake and needs assessment"
    And the case is open
    When the social services completes "Review rehabilitation plan"
      | field                 | value     |
      | rehab_review_decision | goals_met |
    And the child-protection body completes "Approve the child's exit from rehabilitation"
      | field                     | value |
      | rehab_child_exit_approved | true  |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    Then the case is closed with outcome "goals_met"

  @consent @child
  Scenario: a child whose rehabilitation goes on after a suspected guardian's withdrawal withdraws again and child protection again does not act on it: her rehabilitation starts again, her help does not end
    # Review 4 N-3: inside case_help's "Consent to help withdrawn", any exit of the rehabilitation ended the help.
    Given a "case_help" case reported by the NGO
      | field                   | value                |
      | pseudonym               | "Aidana-38"          |
      | age                     | 15                   |
      | citizenship             | KG                   |
      | citizenship_to_verify   | false                |
      | is_foreign              | false                |
      | presumed_child          | true                 |
      | referral_receiver       | child_protection     |
      | referral_decision       | accepted             |
      | child_guardian_name     | "Uncle of the child" |
      | child_guardian_relation | relative             |
      | reasonable_grounds_date | "2026-01-05"         |
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
      | consent_help_continuing        | "Shelter"                                 |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-15" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
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
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                      |
      | child_withdrawal_best_interests             | services_continue          |
      | child_withdrawal_best_interests_child_views | "She wants to stay and study" |
    Then the child-protection body has a task "Intake and needs assessment"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | child        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-20" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | shelter                                   |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter"             |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                           |
      | child_withdrawal_best_interests             | services_continue               |
      | child_withdrawal_best_interests_child_views | "Angry after a visit; wants to stay" |
    Then the child-protection body has a task "Intake and needs assessment"
    And the case is open
    And the case data has rehab_exit_reason = "child_withdrawal_not_acted_on"

  @consent
  Scenario: a woman whose citizenship is being verified withdraws her consent to help but still wants a lawyer: the verification goes on, the help she wants is agreed and provided, and no rehabilitation starts
    # Review 4 N-3: before, the withdrawal cancelled the registration service's verification, and her
    # citizenship stayed unknown.
    Given a "case_help" case reported by the NGO
      | field                   | value        |
      | pseudonym               | "Nodira-27"  |
      | age                     | 27           |
      | citizenship             | unknown      |
      | citizenship_to_verify   | true         |
      | is_foreign              | false        |
      | presumed_child          | false        |
      | referral_receiver       | ngo          |
      | referral_decision       | accepted     |
      | reasonable_grounds_date | "2026-01-05" |
    Then the registration service has a task "Verify citizenship"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    Then the registration service has a task "Verify citizenship"
    And the NGO has a task "Agree the help that continues after consent was withdrawn"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                                  |
      | consent_help_continuing | "A lawyer for her residence questions" |
    And the NGO completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["legal_aid"] |
      | withdrawn_help_date     | "2026-01-12" |
    Then the case is open
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                        | value |
      | citizenship_verified_as      | other |
      | citizenship_verified_country | UZ    |
    Then the case is closed
    And the case data has citizenship = "UZ"
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case data has no purge_personal_data
    And the NGO has no task "Intake and needs assessment"
