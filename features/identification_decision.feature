Feature: The formal status decision (SOP 1), beside help
  Once screening found reasonable grounds, help has started and does not wait for the
  formal decision. The identifying authority (the police by default) decides within
  5 working days counted from the report; when it is late, its supervisor reviews the delay.
  A negative decision never ends help silently: the person is told and may ask for a review
  by another body than the one that decided (the prosecutor's office by default: nobody
  reviews their own decision); help goes on during the review, and only a decision that
  stands leads to a referral to general services.

  Background:
    Given a "identification_decision" case reported by the NGO
      | field                 | value        |
      | pseudonym             | "Meerim-06"  |
      | age                   | 25           |
      | presumed_child        | false        |
      | consent_police_report | true         |
      | screening_result      | "presumed_victim" |

  Scenario: the identifying authority confirms the status within the deadline
    Then the police has a task "Decide identification status"
    And the task "Decide identification status" is due in 5 working days
    When the police completes "Decide identification status"
      | field                           | value                                   |
      | identification_decision         | confirmed                               |
      | identification_decision_basis   | "Recruited by deception, forced labour" |
      | identification_decision_date    | "2026-01-06"                            |
      | identification_decision_officer | "Investigator, Chui region"             |
      | status_decision_person_told     | true                                    |
    Then the case is closed with outcome "confirmed"
    And the police has no open tasks
    And the NGO has no open tasks

  @timer
  Scenario: the status decision is overdue, the supervisor reviews it, then the decision is taken
    When 4 working days pass
    Then the police has no task "Review overdue identification decision"
    When 1 working days pass
    Then the police has a task "Review overdue identification decision"
    And the police has a task "Decide identification status"
    When the police completes "Review overdue identification decision"
      | field                  | value                              |
      | decision_review_date   | "2026-01-13"                       |
      | decision_review_reason | "Waiting for the interview record" |
      | decision_review_action | remind                             |
    Then the police has no task "Review overdue identification decision"
    When the police completes "Decide identification status"
      | field                           | value                          |
      | identification_decision         | confirmed                      |
      | identification_decision_basis   | "Act, means and purpose found" |
      | identification_decision_date    | "2026-01-13"                   |
      | identification_decision_officer | "Head of unit"                 |
      | status_decision_person_told     | true                           |
    Then the case is closed with outcome "confirmed"
    And the police has no open tasks

  @timer
  Scenario: a status decision taken while the supervisor's review is still open closes the review
    When 5 working days pass
    Then the police has a task "Review overdue identification decision"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the police has no task "Review overdue identification decision"
    And the case is closed with outcome "confirmed"

  Scenario: a negative decision is reviewed and overturned
    When the police completes "Decide identification status"
      | field                         | value                             |
      | identification_decision       | not_confirmed                     |
      | identification_decision_basis | "No means established"            |
    Then the NGO has a task "Tell the person of the negative decision and offer a review"
    And the NGO has no task "Refer to general services"
    When the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value        |
      | status_notice_date      | "2026-01-07" |
      | status_notice_given     | true         |
      | status_review_requested | true         |
    Then the prosecutor has a task "Review the negative decision"
    And the police has no task "Review the negative decision"
    And the prosecutor is shown none of full_name, date_of_birth, document_number, address in this case
    And the prosecutor is shown no personal data of this case
    When the prosecutor completes "Review the negative decision"
      | field                 | value                                                    |
      | status_review_outcome     | overturned                                               |
      | status_review_reasons     | "Debt bondage is a means; the first decision missed it" |
      | status_review_person_told | true                                                     |
    Then the case is closed with outcome "confirmed"
    And the NGO has no open tasks

  Scenario: the person does not ask for a review of the negative decision and is referred to general services
    When the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | false |
    Then the prosecutor has no task "Review the negative decision"
    And the NGO has a task "Refer to general services"
    When the NGO completes "Refer to general services"
      | field                     | value         |
      | general_services_referred | ["legal_aid"] |
      | general_services_declined | false         |
    Then the case is open
    And the NGO has a task "Plan the move-on from assistance"
    When the NGO completes "Plan the move-on from assistance"
      | field             | value                                        |
      | move_on_plan      | "Legal aid by the district service; shelter until the end of the month" |
      | move_on_help_ends | "2026-01-31"                                 |
    Then the case is closed with outcome "not_confirmed"

  Scenario: the review upholds the negative decision; the person is told why, referred to general services and knows how to ask for help again
    When the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | true  |
    And the prosecutor completes "Review the negative decision"
      | field                     | value                                    |
      | status_review_outcome     | upheld                                   |
      | status_review_person_told | true                                     |
      | status_review_help_again  | "District social service, Karakol; 1899" |
    Then the NGO has a task "Refer to general services"
    When the NGO completes "Refer to general services"
      | field                        | value                                    |
      | general_services_referred    | ["health_care"]                          |
      | general_services_person_told | true                                     |
      | general_services_help_again  | "District social service, Karakol; 1899" |
    And the NGO completes "Plan the move-on from assistance"
    Then the case is closed with outcome "not_confirmed"
    And the case data has status_review_person_told = true
    And the case data has general_services_person_told = true

  @timer @calendar
  Scenario: a decision due on the eve of Nooruz moves past the holiday; when it stays overdue it goes up to the head, then to the commission
    # Reported on Friday 13 March 2026: five weekdays would end on Friday 20 March, the eve
    # of Nooruz (21 March) and in 2026 Eid al-Fitr, a public holiday; the deadline moves to
    # Monday 23 March. When it passes, the police's supervisors are told, then the head of the
    # identifying authority, and a decision still not taken then reaches the commission.
    Given today is 2026-03-13
    And a "identification_decision" case reported by the NGO
      | field                 | value             |
      | pseudonym             | "Aizada-13"       |
      | age                   | 31                |
      | presumed_child        | false             |
      | consent_police_report | true              |
      | screening_result      | "presumed_victim" |
    Then the task "Decide identification status" is due on 2026-03-23
    When 4 working days pass
    Then the police has no task "Review overdue identification decision"
    And "Decide identification status" is not escalated
    When 1 working day passes
    Then the police has a task "Review overdue identification decision"
    And "Decide identification status" is escalated to the supervisors of the police
    When 2 working days pass
    Then "Decide identification status" is escalated to the head of the police
    And "Decide identification status" is not escalated to the supervisors of the commission
    When 2 working days pass
    Then "Decide identification status" is escalated to the supervisors of the commission

  Scenario: with social services as the identifying authority the prosecutor still reviews a negative decision
    Given the parameter identifying_authority is social
    And a "identification_decision" case reported by the NGO
      | field            | value             |
      | pseudonym        | "Kanykei-08"      |
      | screening_result | "presumed_victim" |
    When the social services completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | true  |
    Then the prosecutor has a task "Review the negative decision"
    And the social services has no task "Review the negative decision"

  @consent
  Scenario: the police reported an adult who refused a police report: they decide her status on pseudonymised data
    Given a "identification_decision" case reported by the police
      | field                 | value              |
      | pseudonym             | "Aruuke-22"        |
      | full_name             | "Aruuke Sadykova"  |
      | age                   | 22                 |
      | presumed_child        | false              |
      | consent_police_report | false              |
      | screening_result      | "presumed_victim"  |
    Then the police has a task "Decide identification status"
    And the police is shown no personal data of this case

  @consent @child
  Scenario: a child's identity stays with the police who decide the status, whatever the child said of a report
    Given a "identification_decision" case reported by the NGO
      | field                 | value             |
      | pseudonym             | "Aidai-16"        |
      | age                   | 16                |
      | presumed_child        | true              |
      | consent_police_report | false             |
      | screening_result      | "presumed_victim" |
    Then the police has a task "Decide identification status"
    And the police is shown personal data of this case

  @child
  Scenario: a child whose formal status is not confirmed is taken on by the child-protection body, not left to general services alone
    Given a "identification_decision" case reported by the NGO
      | field                 | value             |
      | pseudonym             | "Saikal-16"       |
      | age                   | 16                |
      | presumed_child        | true              |
      | consent_police_report | true              |
      | screening_result      | "presumed_victim" |
    When the police completes "Decide identification status"
      | field                         | value                  |
      | identification_decision       | not_confirmed          |
      | identification_decision_basis | "No exploitation found" |
    And the NGO tries to complete "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | false |
    Then the answers are refused for status_notice_guardian_told
    When the NGO completes "Tell the person of the negative decision and offer a review"
      | field                       | value |
      | status_notice_given         | true  |
      | status_notice_guardian_told | true  |
      | status_review_requested     | false |
    Then the child-protection body has a task "Take on the child whose status is not confirmed"
    And the task "Take on the child whose status is not confirmed" is due in 24 hours
    And the NGO has no task "Refer to general services"
    When the child-protection body completes "Take on the child whose status is not confirmed"
      | field                     | value                              |
      | child_not_victim_taken_on | "2026-01-05"                    |
      | child_not_victim_officer  | "Child-protection officer, Osh" |
    Then the NGO has a task "Refer to general services"
    When the NGO completes "Refer to general services"
    Then the social services has no task "Plan the move-on from assistance"
    And the child-protection body has a task "Plan the child's move-on from assistance"
    When the child-protection body completes "Plan the child's move-on from assistance"
      | field             | value                                                        |
      | move_on_plan      | "Stays in the care of child protection; school and counselling" |
      | move_on_help_ends | "2026-02-15"                                                 |
    Then the case is closed with outcome "not_confirmed"

  @consent @proceedings
  Scenario: a withdrawal of help while the formal decision is open does not stop the decision
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-06" |
      | consent_still_agrees_to_help | false        |
    Then the police has a task "Decide identification status"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the case is closed with outcome "confirmed"
    And the case data has consent_withdrawn_scope = ["help"]

  @consent
  Scenario: a withdrawal of help while her move-on is planned ends the planning; the negative decision stands
    When the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | false |
    And the NGO completes "Refer to general services"
    Then the NGO has a task "Plan the move-on from assistance"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-09" |
      | consent_still_agrees_to_help | false        |
    Then the NGO has no task "Plan the move-on from assistance"
    And the case is closed with outcome "not_confirmed"

  Scenario: a negative decision the person could not be told of is not noted bare: why, and how and when she will be told
    When the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO tries to complete "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | false |
      | status_review_requested | false |
    Then the answers are refused for status_notice_not_told_reason, status_notice_tell_plan
    When the NGO completes "Tell the person of the negative decision and offer a review"
      | field                         | value                                          |
      | status_notice_given           | false                                          |
      | status_notice_not_told_reason | "She moved to another shelter before the visit" |
      | status_notice_tell_plan       | "The NGO outreach worker visits her on Monday" |
      | status_review_requested       | false                                          |
    Then the NGO has a task "Refer to general services"

  Scenario: the outcome of a review the person could not be told of is not noted bare: why, and how and when she will be told
    When the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | true  |
    And the prosecutor tries to complete "Review the negative decision"
      | field                     | value  |
      | status_review_outcome     | upheld |
      | status_review_person_told | false  |
    Then the answers are refused for status_review_not_told_reason, status_review_tell_plan
    When the prosecutor completes "Review the negative decision"
      | field                         | value                                            |
      | status_review_outcome         | upheld                                           |
      | status_review_person_told     | false                                            |
      | status_review_not_told_reason | "She is in hospital; no visits this week"        |
      | status_review_tell_plan       | "The NGO tells her at the hospital next Tuesday" |
    Then the NGO has a task "Refer to general services"

  Scenario: a confirmed status is told to the person; "not told" is not noted bare: why, and how and when she will be told
    When the police tries to complete "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
    Then the answers are refused for status_decision_person_told
    When the police tries to complete "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | false     |
    Then the answers are refused for status_decision_not_told_reason, status_decision_tell_plan
    When the police completes "Decide identification status"
      | field                           | value                                                  |
      | identification_decision         | confirmed                                              |
      | status_decision_person_told     | false                                                  |
      | status_decision_not_told_reason | "She is in hospital this week"                         |
      | status_decision_tell_plan       | "The shelter's social worker tells her on her return" |
    Then the case is open
    And the police has no open tasks
    And the NGO has a task "Tell the person about the status decision"
    And the task "Tell the person about the status decision" is due in 3 working days
    And the case data has status_decision_person_told = false
    And the case data has status_decision_tell_plan = "The shelter's social worker tells her on her return"
    When the NGO completes "Tell the person about the status decision"
      | field                     | value                                              |
      | status_decision_told_how  | "In person at the shelter, with a Kyrgyz interpreter" |
    Then the case is closed with outcome "confirmed"
    And the case data has status_decision_told_later = true

  @child
  Scenario: a child's confirmed status is told to the child with the guardian
    Given a "identification_decision" case reported by the NGO
      | field                 | value             |
      | pseudonym             | "Begimai-15"      |
      | age                   | 15                |
      | presumed_child        | true              |
      | consent_police_report | true              |
      | screening_result      | "presumed_victim" |
    When the police tries to complete "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the answers are refused for status_decision_guardian_told
    When the police tries to complete "Decide identification status"
      | field                         | value     |
      | identification_decision       | confirmed |
      | status_decision_person_told   | true      |
      | status_decision_guardian_told | false     |
    Then the answers are refused for status_decision_guardian_not_told_reason, status_decision_guardian_tell_plan
    When the police completes "Decide identification status"
      | field                         | value     |
      | identification_decision       | confirmed |
      | status_decision_person_told   | true      |
      | status_decision_guardian_told | true      |
    Then the case is closed with outcome "confirmed"
    And the case data has status_decision_guardian_told = true

  @child
  Scenario: a child's guardian not told yet of the confirmed status: the agency serving the child tells the guardian too
    Given a "identification_decision" case reported by the NGO
      | field                 | value             |
      | pseudonym             | "Aiperi-14"       |
      | age                   | 14                |
      | presumed_child        | true              |
      | consent_police_report | true              |
      | screening_result      | "presumed_victim" |
    When the police completes "Decide identification status"
      | field                                    | value                                  |
      | identification_decision                  | confirmed                              |
      | status_decision_person_told              | true                                   |
      | status_decision_guardian_told            | false                                  |
      | status_decision_guardian_not_told_reason | "The new guardian is not appointed yet" |
      | status_decision_guardian_tell_plan       | "The NGO tells the guardian once appointed" |
    Then the NGO has a task "Tell the person about the status decision"
    When the NGO completes "Tell the person about the status decision"
      | field                             | value                                      |
      | status_decision_told_how          | "In person, with the guardian"             |
      | status_decision_guardian_told_how | "The appointed guardian, at the NGO, 9 Jan" |
    Then the case is closed with outcome "confirmed"
