Feature: Closure and follow-up of the case
  nrm_case calls this once help and the formal decision have ended. The social services close
  the case, the outcome follows from the decision and the rehabilitation's exit, and the
  follow-up contacts planned when the rehabilitation closed are made by the agency named for
  them, on the planned date.

  Scenario: the case closes with the rehabilitation's outcome when no follow-up contact was planned
    Given a "case_closure" case reported by the social services
      | field                   | value       |
      | pseudonym               | "Aigul-01"  |
      | is_foreign              | false       |
      | rehab_exit_reason       | goals_met   |
      | rehab_follow_up_planned | false       |
    When the social services tries to complete "Close the case"
      | field               | value |
      | closure_person_told | null  |
    Then the answers are refused for closure_person_told
    When the social services completes "Close the case"
      | field               | value |
      | closure_person_told | true  |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has closure_person_told = true

  @child
  Scenario: a child's case does not close without the child-protection body's agreement, also after she was lost
    # Review 4 N-14 / review 5 R5-3: before, the social services closed a missing child's case alone.
    Given a "case_closure" case reported by the social services
      | field                   | value        |
      | pseudonym               | "Adilet-45"  |
      | is_foreign              | false        |
      | presumed_child          | true         |
      | rehab_exit_reason       | lost_contact |
      | rehab_follow_up_planned | false        |
    When the social services tries to complete "Close the case"
      | field               | value |
      | closure_person_told | false |
      | closure_not_told_reason | "She is missing" |
      | closure_tell_plan   | "When she is found, through child protection" |
    Then the answers are refused for closure_child_protection_agreed, closure_child_protection_officer
    When the social services completes "Close the case"
      | field                            | value                                           |
      | closure_person_told              | false                                           |
      | closure_not_told_reason          | "She is missing"                                |
      | closure_tell_plan                | "When she is found, through child protection"   |
      | closure_child_protection_agreed  | true                                            |
      | closure_child_protection_officer | "Inspector A. Osmonova, Osh, 2026-01-05"        |
    Then the case is closed with outcome "lost_contact"
    And the case data has closure_child_protection_agreed = true

  Scenario: "the person was told" answered "no" does not close the case without the reason and how she will be told
    Given a "case_closure" case reported by the social services
      | field                   | value          |
      | pseudonym               | "Aigul-02"     |
      | is_foreign              | false          |
      | rehab_exit_reason       | lost_contact   |
      | rehab_follow_up_planned | false          |
    When the social services tries to complete "Close the case"
      | field               | value |
      | closure_person_told | false |
    Then the answers are refused for closure_not_told_reason, closure_tell_plan
    And the case is open
    When the social services completes "Close the case"
      | field                   | value                                                          |
      | closure_person_told     | false                                                          |
      | closure_not_told_reason | Contact was lost; not found in the search period               |
      | closure_tell_plan       | The NGO hotline tells her when she gets in touch; note on file |
    Then the case is closed
    And the case data has closure_tell_plan = "The NGO hotline tells her when she gets in touch; note on file"

  @timer
  Scenario: a follow-up contact is made on the planned date by the agency named for it
    Given a "case_closure" case reported by the social services
      | field                   | value          |
      | pseudonym               | "Aigul-01"     |
      | is_foreign              | false          |
      | rehab_exit_reason       | lost_contact   |
      | rehab_follow_up_planned | true           |
      | rehab_follow_up_date    | "2026-03-02"   |
      | rehab_follow_up_by      | ngo            |
    When the social services completes "Close the case"
    Then the case is open
    And the NGO has no task "Follow-up contact"
    When 60 days pass
    Then the NGO has a task "Follow-up contact"
    When the NGO completes "Follow-up contact"
      | field             | value |
      | follow_up_another | false |
    Then the case is closed with outcome "lost_contact"

  @consent @child
  Scenario: a withdrawal of help while a child's follow-up contact waits stops the contacts, and the child stays protected by child protection
    Given a "case_closure" case reported by the social services
      | field                   | value          |
      | pseudonym               | "Aidana-15"    |
      | presumed_child          | true           |
      | is_foreign              | false          |
      | rehab_exit_reason       | goals_met      |
      | rehab_follow_up_planned | true           |
      | rehab_follow_up_date    | "2026-03-02"   |
      | rehab_follow_up_by      | ngo            |
    When the social services completes "Close the case"
    Then the case waits for the message "consent_withdrawn"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by | guardian |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-20" |
      | consent_still_agrees_to_help | false        |
    And 60 days pass
    Then the NGO has no task "Follow-up contact"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                     |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek" |
      | child_withdrawal_care          | family                                    |
      | child_withdrawal_guardian_kept | true                                      |
      | child_withdrawal_contact_plan  | "Monthly visit by the inspector"          |
      | child_withdrawal_withdrawer_suspected | false                              |
    Then the social services has no task "Agree the help that continues after consent was withdrawn"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                           |
      | child_withdrawal_best_interests             | services_end                                    |
      | child_withdrawal_best_interests_child_views | "She wants no more visits; school goes well"    |
    And the social services completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                          |
      | consent_help_continuing | "School support through child protection" |
    And the social services completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["other"]     |
      | withdrawn_help_date     | "2026-03-10" |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has follow_up_declined = true
    And the case data has no purge_personal_data

  @consent
  Scenario: a withdrawal of help noted while the formal decision still ran means no follow-up contact is made
    Given a "case_closure" case reported by the social services
      | field                   | value          |
      | pseudonym               | "Aigul-03"     |
      | is_foreign              | false          |
      | rehab_exit_reason       | goals_met      |
      | rehab_follow_up_planned | true           |
      | rehab_follow_up_date    | "2026-03-02"   |
      | rehab_follow_up_by      | ngo            |
      | consent_withdrawn_scope | ["help"]       |
    When the social services completes "Close the case"
    Then the case is closed with outcome "rehabilitation_completed"
    And the NGO has no task "Follow-up contact"

  @consent @child
  Scenario: a withdrawal by a guardian suspected of involvement, while a child's follow-up contact waits, is not acted on: another guardian is appointed and child protection makes the contact
    Given a "case_closure" case reported by the social services
      | field                   | value                |
      | pseudonym               | "Aidana-33"          |
      | presumed_child          | true                 |
      | is_foreign              | false                |
      | rehab_exit_reason       | goals_met            |
      | rehab_follow_up_planned | true                 |
      | rehab_follow_up_date    | "2026-03-02"         |
      | rehab_follow_up_by      | ngo                  |
      | child_guardian_name     | "Father of the child" |
      | child_guardian_relation | parent               |
    When the social services completes "Close the case"
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_by         | guardian     |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-20" |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                                     |
      | child_withdrawal_responsible          | "District child-protection body, Bishkek" |
      | child_withdrawal_care                 | alternative_care                          |
      | child_withdrawal_guardian_kept        | false                                     |
      | child_withdrawal_contact_plan         | "Weekly visit by the inspector"           |
      | child_withdrawal_withdrawer_suspected | true                                      |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | "Appointed guardian" |
      | child_new_guardian_relation | appointed_guardian   |
      | child_suspect_kept_away     | true                 |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                      |
      | child_withdrawal_best_interests             | services_continue                          |
      | child_withdrawal_best_interests_child_views | "She wants the inspector to keep visiting" |
    Then the child-protection body has a task "Follow-up contact with the child"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    When the child-protection body completes "Follow-up contact with the child"
      | field             | value |
      | follow_up_another | true  |
    Then the case is open
    And the child-protection body has no task "Follow-up contact with the child"
    When 90 days pass
    Then the child-protection body has a task "Follow-up contact with the child"
    When the child-protection body completes "Follow-up contact with the child"
      | field             | value |
      | follow_up_another | false |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has child_guardian_name = "Appointed guardian"
    And the case data has child_withdrawal_acted_on = false
    And the case data has child_guardian_suspected_name = "Father of the child"
    And the case data has child_guardian_suspected_relation = "parent"
    And the case data has no purge_personal_data

  @timer
  Scenario: called for the follow-up contact only, the closure gives the social services no task and the first responder makes the contact on its date
    Given a "case_closure" case reported by the NGO
      | field                   | value          |
      | pseudonym               | "Aigul-04"     |
      | is_foreign              | false          |
      | closure_follow_up_only  | true           |
      | case_outcome            | withdrawn      |
      | rehab_follow_up_planned | true           |
      | rehab_follow_up_date    | "2026-03-02"   |
      | rehab_follow_up_by      | ngo            |
    Then the social services has no task "Close the case"
    And the NGO has no task "Follow-up contact"
    When 60 days pass
    Then the NGO has a task "Follow-up contact"
    When the NGO completes "Follow-up contact"
      | field             | value |
      | follow_up_another | false |
    Then the case is closed with outcome "withdrawn"
    And the social services has no open tasks

  @consent
  Scenario: an adult who first agreed to a police report and has since stopped sharing her data with the police keeps only an anonymous notification when she withdraws help during the follow-up
    # Review 4 M-5: the consent to the police report she gave once no longer keeps her identity
    # when the police are among the agencies that get no more data from her.
    Given a "case_closure" case reported by the social services
      | field                   | value        |
      | pseudonym               | "Aigul-05"   |
      | presumed_child          | false        |
      | is_foreign              | false        |
      | rehab_exit_reason       | goals_met    |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-03-02" |
      | rehab_follow_up_by      | ngo          |
      | consent_police_report   | true         |
      | consent_withdrawn_from  | ["police"]   |
    When the social services completes "Close the case"
      | field               | value |
      | closure_person_told | true  |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-20" |
      | consent_still_agrees_to_help | false        |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has purge_personal_data = true

  @consent
  Scenario: an adult who agreed to a police report and still does keeps her identity when she withdraws help during the follow-up
    Given a "case_closure" case reported by the social services
      | field                   | value        |
      | pseudonym               | "Aigul-06"   |
      | presumed_child          | false        |
      | is_foreign              | false        |
      | rehab_exit_reason       | goals_met    |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-03-02" |
      | rehab_follow_up_by      | ngo          |
      | consent_police_report   | true         |
    When the social services completes "Close the case"
      | field               | value |
      | closure_person_told | true  |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-20" |
      | consent_still_agrees_to_help | false        |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has no purge_personal_data
