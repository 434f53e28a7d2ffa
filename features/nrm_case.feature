Feature: The case of one presumed victim, from report to closure
  A case is one person. The first responder's report opens it; a Kyrgyz citizen abroad
  is first brought home (SOP 4A), then every person is identified (SOP 1). A presumed
  victim is referred (SOP 2); a foreign victim then chooses between returning home and
  staying (SOP 4B); whoever stays goes through social rehabilitation (SOP 3), whose exit
  decides how the case closes. Not a victim, an anonymous notification, a declined
  return home and a foreign victim's return close the case early.

  @repatriation @inbound
  Scenario: a Kyrgyz citizen exploited abroad comes home, gets a new passport, is identified, referred and completes rehabilitation
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | RU          |
      | pseudonym            | "Aizada-01" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    Then the consular service has a task "Consular interview"
    And the case data has repatriation_direction = "inbound"
    When the consular service completes "Consular interview"
      | field                        | value                                |
      | return_contact_channel       | ngo                                  |
      | return_country_of_stay       | RU                                   |
      | return_consulate             | "Consulate General in Yekaterinburg" |
      | return_interview_date        | "2026-01-05"                         |
      | full_name                    | "Aizada Toktosunova"                 |
      | date_of_birth                | "1999-04-12"                         |
      | return_citizenship_evidence  | ["kg_id_card"]                       |
      | return_citizenship_confirmed | true                                 |
    And the consular service completes "Informed consent to return"
      | field                 | value        |
      | return_consent_given  | true         |
      | return_consent_date   | "2026-01-05" |
      | return_consent_method | written      |
      | return_consent_by     | person       |
    And IOM completes "Assess return risk"
      | field                       | value        |
      | return_risk_level           | low          |
      | return_risk_factors         | ["stigma"]   |
      | return_risk_assessment_date | "2026-01-06" |
    And the consular service completes "Issue certificate of return"
      | field                          | value          |
      | return_certificate_number      | "CR-2026-0107" |
      | return_certificate_issue_date  | "2026-01-06"   |
      | return_certificate_expiry_date | "2026-02-05"   |
    And IOM completes "Organise travel and escort"
      | field                         | value           |
      | return_travel_departure_date  | "2026-01-08"    |
      | return_travel_mode            | air             |
      | return_travel_arrival_point   | "Manas airport" |
      | return_travel_escort_provided | false           |
    And the social services completes "Receive at home"
      | field                           | value                          |
      | return_arrival_date             | "2026-01-08"                   |
      | return_reception_by             | ["social", "ngo"]              |
      | return_receiving_agency         | ngo                            |
      | return_reception_accommodation  | shelter                        |
      | return_reception_needs          | ["documents", "psychological"] |
      | return_registration_appointment | "2026-01-12"                   |
    Then the case data has repatriation_outcome = "arrived_home"
    And the NGO has a task "Check safety and risks"
    And the consular service has no task "Check safety and risks"
    And the registration service has a task "Issue new passport"
    And the task "Issue new passport" is due in 15 days
    When the registration service completes "Issue new passport"
      | field               | value        |
      | passport_number     | "AN1234567"  |
      | passport_issue_date | "2026-01-15" |
    Then the case is open
    When the NGO completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the NGO completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the NGO completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    Then the case data has identification_outcome = "presumed_victim"
    And the NGO has a task "Compile the referral"
    When the NGO completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    Then the NGO has a task "Intake and needs assessment"
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | "2026-01-07"                 |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | low                          |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                          |
      | rehab_plan_goals         | "Safe housing and counselling" |
      | rehab_services_planned   | ["shelter"]                    |
      | rehab_plan_person_agreed | true                           |
      | rehab_plan_date          | "2026-01-08"                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value        |
      | rehab_plan_decision      | approved     |
      | rehab_plan_decision_date | "2026-01-09" |
    And the NGO completes "Deliver service: Shelter"
      | field                       | value           |
      | rehab_service_provider      | "Crisis centre" |
      | rehab_service_start         | "2026-01-09"    |
      | rehab_service_funding       | state_budget    |
      | rehab_service_status        | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                    |
      | rehab_review_date     | "2026-02-08"                             |
      | rehab_review_progress | "Living safely with her family, working" |
      | rehab_review_decision | goals_met                                |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_closure_summary   | "Plan ended" |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-05-09" |
      | rehab_follow_up_by      | ngo          |
      | rehab_follow_up_method  | visit        |
      | rehab_person_informed   | true         |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
      | field           | value                            |
      | closure_date    | "2026-02-10"                     |
      | closure_summary | "All services of the case ended" |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    When 120 days pass
    Then the case is open
    And the NGO has a task "Follow-up contact"
    When the NGO completes "Follow-up contact"
      | field                  | value        |
      | follow_up_contact_date | "2026-06-04" |
      | follow_up_reached      | true         |
      | follow_up_situation    | needs_help   |
      | follow_up_another      | true         |
    Then the NGO has no task "Follow-up contact"
    When 89 days pass
    Then the NGO has no task "Follow-up contact"
    When 1 days pass
    Then the NGO has a task "Follow-up contact"
    When the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has passport_number = "AN1234567"
    And the case data has identification_outcome = "presumed_victim"
    And the case data has first_responder = "ngo"

  @repatriation @inbound @consent
  Scenario: a Kyrgyz citizen abroad declines to come home, is referred to help there and the case closes as not returned
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | KZ         |
      | pseudonym            | "Bakyt-02" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value                         |
      | return_contact_channel       | consulate                     |
      | return_country_of_stay       | KZ                            |
      | return_consulate             | "Consulate General in Almaty" |
      | return_interview_date        | "2026-01-05"                  |
      | full_name                    | "Bakyt Osmonov"               |
      | date_of_birth                | "1990-09-01"                  |
      | return_citizenship_evidence  | ["kg_passport"]               |
      | return_citizenship_confirmed | true                          |
    And the consular service completes "Informed consent to return"
      | field                 | value         |
      | return_consent_given  | false         |
      | return_consent_date   | "2026-01-05"  |
      | return_consent_method | oral_recorded |
      | return_consent_by     | person        |
    Then the consular service has no task "Check safety and risks"
    And the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                    |
      | return_abroad_organisation | "NGO Sana Sezim, Almaty" |
      | return_abroad_data_consent | true                     |
    Then the case is closed with outcome "not_returned"
    And the case data has repatriation_outcome = "return_declined"

  @repatriation @inbound
  Scenario: citizenship neither confirmed by the consul nor established by the registration service abroad: the person is referred to help there, the case waits for the procedure and closes as not returned once she is found a citizen of another country
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | TR          |
      | pseudonym            | "Nurbek-11" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value    |
      | return_contact_channel       | iom      |
      | return_country_of_stay       | TR       |
      | return_citizenship_evidence  | ["none"] |
      | return_citizenship_confirmed | false    |
    Then the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
    And the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                  |
      | return_abroad_organisation | "IOM office in Ankara" |
      | return_abroad_data_consent | true                   |
    Then the case is open
    And the consular service has a task "Follow the citizenship procedure and keep in touch"
    When the registration service sends the message "citizenship_established" with:
      | field                           | value |
      | citizenship_established_as      | other |
      | citizenship_established_country | TM    |
    Then the case is closed with outcome "not_returned"
    And the case data has repatriation_outcome = "citizenship_not_confirmed"
    And the registration service has no task "Issue new passport"

  @repatriation @inbound @consent
  Scenario: a citizen back from abroad refuses referral; the case closes when the passport is issued, without identity
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Ruslan-12" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Ruslan Abdiev" |
      | date_of_birth                | "1994-03-02"    |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    And the social services completes "Receive at home"
      | field                   | value  |
      | return_receiving_agency | social |
    Then the social services has a task "Check safety and risks"
    And the registration service has a task "Issue new passport"
    When the social services completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | true  |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the health organisation completes "Provide emergency assistance"
      | field                | value            |
      | emergency_assistance | ["medical_care"] |
    And the social services completes "Inform and obtain consent"
      | field            | value |
      | consent_informed | true  |
      | consent_referral | false |
    And the social services completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the case is open
    And the social services has no open tasks
    And the registration service has a task "Issue new passport"
    When the registration service completes "Issue new passport"
      | field           | value       |
      | passport_number | "AC7654321" |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has identification_outcome = "anonymous_notification"
    And the case data has medical_emergency = true
    And the case data has no full_name
    And the case data has no date_of_birth
    And the case data has no passport_number

  @repatriation @inbound @timer
  Scenario: the new passport is late, the social services follow it up while identification goes on, and the case closes once it is issued
    Given a presumed victim reported by the consular service
      | field                | value     |
      | detection_channel    | consular  |
      | location             | abroad    |
      | exploitation_country | KR        |
      | pseudonym            | "Emil-22" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    And the social services completes "Receive at home"
      | field                   | value |
      | return_receiving_agency | iom   |
    Then IOM has a task "Check safety and risks"
    And the registration service has a task "Issue new passport"
    When 15 days pass
    Then the social services has a task "Follow up the new passport (not issued in time)"
    And the registration service has a task "Issue new passport"
    And IOM has a task "Check safety and risks"
    When IOM completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | true  |
      | medical_emergency       | false |
      | risk_trafficker_contact | true  |
      | risk_retrafficking      | high  |
    And IOM completes "Bring the person to safety now"
      | field           | value          |
      | danger_measures | ["safe_place"] |
    And IOM completes "Inform and obtain consent"
      | field            | value |
      | consent_informed | true  |
      | consent_referral | true  |
    And IOM completes "Indicator screening"
      | field             | value |
      | screening_act     | false |
      | screening_means   | false |
      | screening_purpose | false |
    And IOM completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_review_requested | false |
    And IOM completes "Refer to general services"
      | field                     | value                  |
      | general_services_referred | ["employment_service"] |
    Then the case is open
    And IOM has no open tasks
    When the social services completes "Follow up the new passport (not issued in time)"
      | field                     | value                                     |
      | passport_delay_reason     | "birth record had to be confirmed in Osh" |
      | passport_follow_up_action | "called the head of the district office"  |
    Then the case is open
    When the registration service completes "Issue new passport"
      | field           | value       |
      | passport_number | "AC1112223" |
    Then the case is closed with outcome "not_victim"
    And the case data has passport_number = "AC1112223"
    And the case data has passport_delay_reason = "birth record had to be confirmed in Osh"
    And the case data has immediate_danger = true
    And the case data has identification_outcome = "not_victim"

  Scenario: a person in Kyrgyzstan is found not to be a victim and is referred to general services
    Given a presumed victim reported by the labour inspection
      | field                | value             |
      | detection_channel    | labour_inspection |
      | exploitation_country | KG                |
      | pseudonym            | "Chynara-03"      |
    Then the consular service has no task "Consular interview"
    When the labour inspection completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the labour inspection completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | false        |
    And the labour inspection completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | false        |
      | screening_means   | false        |
      | screening_purpose | false        |
    And the labour inspection completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_review_requested | false |
    And the labour inspection completes "Refer to general services"
      | field                     | value                  |
      | general_services_referred | ["employment_service"] |
      | general_services_declined | false                  |
      | general_services_date     | "2026-01-05"           |
    Then the case is closed with outcome "not_victim"
    And the labour inspection has no task "Compile the referral"

  @consent
  Scenario: an adult refuses referral and only an anonymous notification is sent
    Given a presumed victim reported by the border service
      | field                | value            |
      | detection_channel    | border           |
      | exploitation_country | KZ               |
      | pseudonym            | "Dastan-04"      |
      | full_name            | "Dastan Mamytov" |
    When the border service completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | true  |
      | risk_retrafficking      | high  |
    And the border service completes "Inform and obtain consent"
      | field                    | value         |
      | consent_informed         | true          |
      | consent_interpreter_used | false         |
      | consent_referral         | false         |
      | consent_date             | "2026-01-05"  |
      | consent_method           | oral_recorded |
      | consent_police_report    | false         |
    And the border service completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_date      | "2026-01-05"            |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has no full_name
    And the border service has no task "Compile the referral"

  @consent @proceedings
  Scenario: "I don't want a shelter, I want the police to go after them": an adult refuses the referral in SOP 1 but agrees to a police report; the crime is registered and her identity is kept for the proceedings
    Given a presumed victim reported by the border service
      | field                | value            |
      | detection_channel    | border           |
      | exploitation_country | KZ               |
      | pseudonym            | "Dastan-05"      |
      | full_name            | "Dastan Mamytov" |
    When the border service completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
    And the border service completes "Inform and obtain consent"
      | field                    | value         |
      | consent_informed         | true          |
      | consent_interpreter_used | false         |
      | consent_referral         | false         |
      | consent_date             | "2026-01-05"  |
      | consent_method           | oral_recorded |
      | consent_police_report    | true          |
    And the border service completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_date      | "2026-01-05"            |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the case is open
    And the prosecutor has a task "Record the crime in the unified register"
    And the case data has case_outcome = "anonymous_notification"
    And the case data has purge_personal_data = false
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-77" |
    Then the border service has a task "Explain the proceedings and ask whether the person takes part"
    When the border service completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the border service completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has full_name = "Dastan Mamytov"
    And the social services is shown no personal data of this case

  @consent
  Scenario: an adult who says no to the referral but accepts some help in SOP 1 is followed up by the first responder that helped her, as after a rehabilitation; nobody she refused gets her case
    Given a presumed victim reported by the NGO
      | field     | value            |
      | full_name | "Bermet Asanova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value                         |
      | consent_informed           | true                          |
      | consent_referral           | false                         |
      | consent_police_report      | false                         |
      | consent_refusal_wants_help | true                          |
      | consent_help_continuing    | "Psychologist, twice a month" |
    And the NGO completes "Provide the help the person accepts"
      | field                          | value             |
      | refusal_help_provided          | ["psychological"] |
      | refusal_help_information_given | true              |
    Then the case is open
    And the case data has case_outcome = "withdrawn"
    And the social services has no open tasks
    And the social services is shown no personal data of this case
    When 89 days pass
    Then the NGO has no task "Follow-up contact"
    When 1 day passes
    Then the NGO has a task "Follow-up contact"
    When the NGO completes "Follow-up contact"
      | field               | value                                   |
      | follow_up_reached   | true                                    |
      | follow_up_situation | stable                                  |
      | follow_up_another   | false                                   |
    Then the case is closed with outcome "withdrawn"
    And the case data has full_name = "Bermet Asanova"

  @consent @proceedings
  Scenario: an adult who refuses the referral and a police report but accepts some help has the offences she was compelled to commit cleared by the prosecutor, without a crime report
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value                |
      | consent_informed           | true                 |
      | consent_referral           | false                |
      | consent_police_report      | false                |
      | consent_refusal_wants_help | true                 |
      | consent_help_continuing    | "A lawyer, no shelter" |
    And the NGO completes "Provide the help the person accepts"
      | field                          | value                       |
      | refusal_help_provided          | ["legal_aid"]               |
      | refusal_help_information_given | true                        |
      | non_punishment_applies         | true                        |
      | non_punishment_offences        | ["irregular_stay_or_work"] |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the prosecutor has no task "Record the crime in the unified register"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the case data has proceedings_outcome = "non_punishment_only"
    # the help she accepted is still followed up (review 5, R5-12)
    And the case is open
    When 90 days pass
    And the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is closed with outcome "withdrawn"

  @consent
  Scenario: an adult agrees to referral but not to a police report and is still referred
    Given a presumed victim reported by the police
      | field                | value        |
      | exploitation_country | RU           |
      | pseudonym            | "Eldiyar-05" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | false        |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    Then the case data has identification_outcome = "presumed_victim"
    And the case data has consent_police_report = false
    And the police has a task "Compile the referral"
    And the case is open

  @repatriation @outbound
  Scenario: a foreign victim receives services while she prepares her voluntary return home; the rehabilitation closes once she is home
    Given a presumed victim reported by the police
      | field                | value       |
      | citizenship          | UZ          |
      | language             | "uz"        |
      | exploitation_country | KG          |
      | pseudonym            | "Feruza-06" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | high  |
      | consulate_contact_consent | false |
    Then the case data has repatriation_direction = "outbound"
    And the NGO has a task "Explain rights and the reflection period"
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | true                 |
      | return_reflection_waived           | true                 |
      | return_reflection_waiver_date      | "2026-01-07"         |
      | return_reflection_waiver_reference | "signed request, file 3" |
    And the NGO completes "Discuss options"
      | field                    | value            |
      | repatriation_option      | voluntary_return |
      | repatriation_option_date | "2026-01-08"     |
    And IOM completes "Assess return risk"
      | field                       | value        |
      | return_risk_level           | low          |
      | return_risk_factors         | ["stigma"]   |
      | return_risk_assessment_date | "2026-01-09" |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                               | value        |
      | return_consulate_contact_consent    | true         |
      | return_travel_document_request_date | "2026-01-09" |
      | return_travel_document_result       | issued       |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                            |
      | return_receiving_organisation | "Reintegration centre, Tashkent" |
      | return_receiving_country      | UZ                               |
      | return_handover_data_items    | ["contact_details", "needs"]     |
      | return_handover_data_consent  | true                             |
      | return_handover_consent_date  | "2026-01-10"                     |
      | return_handover_consent_by    | person                           |
    And IOM completes "Prepare reintegration plan"
      | field                               | value                           |
      | return_reintegration_goals          | "Vocational training near home" |
      | return_reintegration_services       | ["vocational_training"]         |
      | return_reintegration_plan_date      | "2026-01-11"                    |
      | return_reintegration_contacts_given | true                            |
    And IOM sends the message "person_departed" with:
      | field                         | value                    |
      | return_travel_departure_date  | "2026-01-14"             |
      | return_travel_mode            | road                     |
      | return_travel_arrival_point   | "Dostuk border crossing" |
      | return_travel_escort_provided | false                    |
    And IOM completes "Hand over to the receiving organisation"
      | field                     | value        |
      | return_handover_date      | "2026-01-14" |
      | return_handover_confirmed | true         |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    # She has left: her rehabilitation closes with the departure, not at a later review (review 4 M-1).
    Then the NGO has a task "Close the rehabilitation: the person has returned home"
    When the NGO completes "Close the rehabilitation: the person has returned home"
      | field                              | value                                                 |
      | rehab_closure_summary              | "Shelter ended; the receiving centre has her contacts" |
      | rehab_returned_home_providers_told | true                                                  |
    And the social services completes "Close the case"
    Then the case is closed with outcome "returned_home"
    And IOM has no open tasks

  @repatriation @outbound
  Scenario Outline: a foreign victim who stays in Kyrgyzstan (<option>) goes through rehabilitation
    Given a presumed victim reported by the police
      | field                | value        |
      | citizenship          | UZ           |
      | language             | "uz"         |
      | exploitation_country | KG           |
      | pseudonym            | "Gulshan-07" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | high  |
      | consulate_contact_consent | false |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | true                 |
      | return_reflection_waived           | true                 |
      | return_reflection_waiver_date      | "2026-01-07"         |
      | return_reflection_waiver_reference | "signed request, file 3" |
    And the NGO completes "Discuss options"
      | field                    | value        |
      | repatriation_option      | <option>     |
      | repatriation_option_date | "2026-01-08" |
    Then the case data has repatriation_outcome = "<repatriation_outcome>"
    And the NGO has a task "Intake and needs assessment"
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | "2026-01-07"                 |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | low                          |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                          |
      | rehab_plan_goals         | "Safe housing and counselling" |
      | rehab_services_planned   | ["shelter"]                    |
      | rehab_plan_person_agreed | true                           |
      | rehab_plan_date          | "2026-01-08"                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value        |
      | rehab_plan_decision      | approved     |
      | rehab_plan_decision_date | "2026-01-09" |
    And the NGO completes "Deliver service: Shelter"
      | field                       | value           |
      | rehab_service_provider      | "Crisis centre" |
      | rehab_service_start         | "2026-01-09"    |
      | rehab_service_funding       | state_budget    |
      | rehab_service_status        | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                |
      | rehab_review_date     | "2026-02-08"                         |
      | rehab_review_progress | "Testified at the trial, found work" |
      | rehab_review_decision | goals_met                            |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_closure_summary   | "Plan ended" |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-05-09" |
      | rehab_follow_up_by      | ngo          |
      | rehab_person_informed   | true         |
    And the social services completes "Close the case"
      | field           | value                            |
      | closure_date    | "2026-02-10"                     |
      | closure_summary | "All services of the case ended" |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    When 120 days pass
    Then the case is open
    When the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is closed with outcome "rehabilitation_completed"

    Examples:
      | option               | repatriation_outcome   |
      | stay_for_proceedings | stayed_for_proceedings |
      | other_protection     | other_protection       |

  Scenario Outline: the rehabilitation exit <reason> closes the case with the outcome <outcome>
    Given a presumed victim reported by the police
      | field                | value         |
      | exploitation_country | RU            |
      | pseudonym            | "Iskender-08" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | "2026-01-07"                 |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | low                          |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                          |
      | rehab_plan_goals         | "Safe housing and counselling" |
      | rehab_services_planned   | ["shelter"]                    |
      | rehab_plan_person_agreed | true                           |
      | rehab_plan_date          | "2026-01-08"                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value        |
      | rehab_plan_decision      | approved     |
      | rehab_plan_decision_date | "2026-01-09" |
    And the NGO completes "Deliver service: Shelter"
      | field                       | value           |
      | rehab_service_provider      | "Crisis centre" |
      | rehab_service_start         | "2026-01-09"    |
      | rehab_service_funding       | state_budget    |
      | rehab_service_status        | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value        |
      | rehab_review_date     | "2026-02-08" |
      | rehab_review_progress | "<progress>" |
      | rehab_review_decision | <reason>     |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_closure_summary   | "Plan ended" |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-05-09" |
      | rehab_follow_up_by      | ngo          |
      | rehab_person_informed   | true         |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
      | field           | value                            |
      | closure_date    | "2026-02-10"                     |
      | closure_summary | "All services of the case ended" |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    When 120 days pass
    Then the case is open
    When the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is closed with outcome "<outcome>"
    And the case data has rehab_exit_reason = "<reason>"

    Examples:
      | reason                 | outcome                  | progress                              |
      | goals_met              | rehabilitation_completed | Living independently, working         |
      | voluntary_withdrawal   | withdrawn                | Chose to leave the programme          |
      | handover_reintegration | closed                   | Ready for the reintegration programme |

  @timer
  Scenario: contact is lost, the person is not found and the case closes as lost contact
    Given a presumed victim reported by the police
      | field                | value       |
      | exploitation_country | RU          |
      | pseudonym            | "Jamila-09" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | "2026-01-07"                 |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | low                          |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                          |
      | rehab_plan_goals         | "Safe housing and counselling" |
      | rehab_services_planned   | ["shelter"]                    |
      | rehab_plan_person_agreed | true                           |
      | rehab_plan_date          | "2026-01-08"                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value        |
      | rehab_plan_decision      | approved     |
      | rehab_plan_decision_date | "2026-01-09" |
    And the NGO completes "Deliver service: Shelter"
      | field                       | value           |
      | rehab_service_provider      | "Crisis centre" |
      | rehab_service_start         | "2026-01-09"    |
      | rehab_service_funding       | state_budget    |
      | rehab_service_status        | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                  |
      | rehab_review_date     | "2026-02-08"                           |
      | rehab_review_progress | "Left the shelter, phone switched off" |
      | rehab_review_decision | lost_contact                           |
    And 31 days pass
    Then the social services has a task "Close rehabilitation and plan follow-up"
    When the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_closure_summary   | "Plan ended" |
      | rehab_follow_up_planned | false        |
      | rehab_person_informed   | false        |
    And the social services completes "Close the case"
      | field           | value                            |
      | closure_date    | "2026-02-10"                     |
      | closure_summary | "All services of the case ended" |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                               | value                                                    |
      | proceedings_outcome_person_told     | false                                                    |
      | proceedings_outcome_not_told_reason | Contact with her was lost; the search did not find her   |
      | proceedings_outcome_tell_plan       | The NGO tells her if she gets in touch again              |
    Then the case is closed with outcome "lost_contact"

  @repatriation @outbound
  Scenario: a foreign victim who stayed for the proceedings returns home after rehabilitation
    Given a presumed victim reported by the police
      | field                | value       |
      | citizenship          | UZ          |
      | language             | "uz"        |
      | exploitation_country | KG          |
      | pseudonym            | "Kamola-10" |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_informed | true         |
    And the police completes "Decide identification status"
      | field                           | value                                |
      | identification_decision         | confirmed                            |
      | identification_decision_basis   | "Act, means and purpose established" |
      | identification_decision_date    | "2026-01-06"                         |
      | identification_decision_officer | "Investigator, Bishkek"              |
      | status_decision_person_told     | true                                 |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo"]                      |
      | referral_consent_date      | "2026-01-06"                 |
      | referral_consent_method    | written                      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value        |
      | assistance_shelter_provided  | true         |
      | assistance_food_clothing     | true         |
      | assistance_emergency_medical | false        |
      | assistance_legal_information | true         |
      | assistance_documents         | true         |
      | assistance_start_date        | "2026-01-06" |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | high  |
      | consulate_contact_consent | false |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | true                 |
      | return_reflection_waived           | true                 |
      | return_reflection_waiver_date      | "2026-01-07"         |
      | return_reflection_waiver_reference | "signed request, file 3" |
    And the NGO completes "Discuss options"
      | field                    | value                |
      | repatriation_option      | stay_for_proceedings |
      | repatriation_option_date | "2026-01-08"         |
    When the NGO completes "Intake and needs assessment"
      | field                          | value                        |
      | rehab_intake_date              | "2026-01-07"                 |
      | rehab_needs                    | ["shelter", "psychological"] |
      | rehab_retrafficking_risk       | low                          |
      | rehab_contact_with_traffickers | false                        |
    And the social services completes "Draft individual rehabilitation plan"
      | field                    | value                          |
      | rehab_plan_goals         | "Safe housing and counselling" |
      | rehab_services_planned   | ["shelter"]                    |
      | rehab_plan_person_agreed | true                           |
      | rehab_plan_date          | "2026-01-08"                   |
    And the commission completes "Approve rehabilitation plan"
      | field                    | value        |
      | rehab_plan_decision      | approved     |
      | rehab_plan_decision_date | "2026-01-09" |
    And the NGO completes "Deliver service: Shelter"
      | field                       | value           |
      | rehab_service_provider      | "Crisis centre" |
      | rehab_service_start         | "2026-01-09"    |
      | rehab_service_funding       | state_budget    |
      | rehab_service_status        | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                     |
      | rehab_review_date     | "2026-02-08"                              |
      | rehab_review_progress | "The trial is over, she wants to go home" |
      | rehab_review_decision | handover_repatriation                     |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_closure_summary   | "Plan ended" |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-05-09" |
      | rehab_follow_up_by      | ngo          |
      | rehab_person_informed   | true         |
    Then the NGO has a task "Explain rights and the reflection period"
    And the case data has repatriation_direction = "outbound"
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | true                 |
      | return_reflection_waived           | true                 |
      | return_reflection_waiver_date      | "2026-01-07"         |
      | return_reflection_waiver_reference | "signed request, file 3" |
    And the NGO completes "Discuss options"
      | field                    | value            |
      | repatriation_option      | voluntary_return |
      | repatriation_option_date | "2026-01-08"     |
    And IOM completes "Assess return risk"
      | field                       | value        |
      | return_risk_level           | low          |
      | return_risk_factors         | ["stigma"]   |
      | return_risk_assessment_date | "2026-01-09" |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                               | value        |
      | return_consulate_contact_consent    | true         |
      | return_travel_document_request_date | "2026-01-09" |
      | return_travel_document_result       | issued       |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                            |
      | return_receiving_organisation | "Reintegration centre, Tashkent" |
      | return_receiving_country      | UZ                               |
      | return_handover_data_items    | ["contact_details", "needs"]     |
      | return_handover_data_consent  | true                             |
      | return_handover_consent_date  | "2026-01-10"                     |
      | return_handover_consent_by    | person                           |
    And IOM completes "Prepare reintegration plan"
      | field                               | value                           |
      | return_reintegration_goals          | "Vocational training near home" |
      | return_reintegration_services       | ["vocational_training"]         |
      | return_reintegration_plan_date      | "2026-01-11"                    |
      | return_reintegration_contacts_given | true                            |
    And IOM completes "Organise assisted return"
      | field                         | value                    |
      | return_travel_departure_date  | "2026-01-14"             |
      | return_travel_mode            | road                     |
      | return_travel_arrival_point   | "Dostuk border crossing" |
      | return_travel_escort_provided | false                    |
    And IOM completes "Hand over to the receiving organisation"
      | field                     | value        |
      | return_handover_date      | "2026-01-14" |
      | return_handover_confirmed | true         |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
      | field           | value                            |
      | closure_date    | "2026-02-10"                     |
      | closure_summary | "All services of the case ended" |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-41" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    When 120 days pass
    Then the case is open
    When the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is closed with outcome "returned_home"
    And the case data has return_reflection_start = "2026-01-05"

  @reasonable_grounds @timer
  Scenario: help starts on reasonable grounds, beside the formal decision, whose deadline counts from the report
    Given a presumed victim reported by the NGO
      | field     | value       |
      | pseudonym | "Cholpon-3" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And 3 working days pass
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-09" |
      | reasonable_grounds_informed | true         |
    Then the NGO has a task "Compile the referral"
    And the police has a task "Decide identification status"
    And the task "Decide identification status" is due in 2 working days
    When the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | "2026-01-09" |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the NGO has a task "Intake and needs assessment"
    And the prosecutor has a task "Record the crime in the unified register"
    And the police has a task "Decide identification status"
    When 2 working days pass
    Then the police has a task "Review overdue identification decision"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the police has no open tasks
    And the NGO has a task "Intake and needs assessment"
    And the case data has status_decision_outcome = "confirmed"
    And the case is open

  @reasonable_grounds
  Scenario: a negative decision is reviewed while help continues, and the review overturns it
    Given a presumed victim reported by the NGO
      | field     | value       |
      | pseudonym | "Asel-22"   |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | "2026-01-09" |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the police completes "Decide identification status"
      | field                         | value                  |
      | identification_decision       | not_confirmed          |
      | identification_decision_basis | "No means established" |
    Then the NGO has a task "Tell the person of the negative decision and offer a review"
    And the NGO has a task "Intake and needs assessment"
    When the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | true  |
    Then the prosecutor has a task "Review the negative decision"
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    Then the social services has a task "Draft individual rehabilitation plan"
    When the prosecutor completes "Review the negative decision"
      | field                 | value                                       |
      | status_review_outcome     | overturned                                  |
      | status_review_reasons     | "Debt bondage is a means; it was overlooked" |
      | status_review_person_told | true                                        |
    Then the police has no open tasks
    And the social services has a task "Draft individual rehabilitation plan"
    And the case data has status_decision_outcome = "confirmed"
    And the case is open

  @reasonable_grounds
  Scenario: a negative decision stands: the person keeps help until the agreed move-on date and the proceedings continue
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Compile the referral"
      | field                   | value        |
      | referral_needs          | ["shelter"]  |
      | referral_receiver       | ngo          |
      | referral_consent_date   | "2026-01-06" |
      | referral_consent_method | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | true  |
    And the prosecutor completes "Review the negative decision"
      | field                 | value  |
      | status_review_outcome | upheld |
    And the NGO completes "Refer to general services"
      | field                     | value                               |
      | general_services_referred | ["social_assistance", "legal_aid"] |
    # The decision branch ends; help and the proceedings do not.
    Then the NGO has a task "Plan the move-on from assistance"
    And the NGO has a task "Intake and needs assessment"
    And the prosecutor has a task "Record the crime in the unified register"
    And the case is open
    When the NGO completes "Plan the move-on from assistance"
      | field             | value                                                              |
      | move_on_plan      | "Shelter until she moves to her sister's; social assistance after" |
      | move_on_help_ends | "2026-02-09"                                                       |
    Then the NGO has no task "Plan the move-on from assistance"
    And the NGO has a task "Intake and needs assessment"
    And the case is open
    When the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value          |
      | rehab_plan_goals       | "Safe housing" |
      | rehab_services_planned | ["shelter"]    |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the NGO completes "Deliver service: Shelter"
      | field                  | value           |
      | rehab_service_provider | "Crisis centre" |
      | rehab_service_status   | delivered       |
    And 30 days pass
    And the social services completes "Review rehabilitation plan"
      | field                 | value                                |
      | rehab_review_progress | "Moved on as agreed on the end date" |
      | rehab_review_decision | handover_reintegration               |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value        |
      | rehab_closure_date      | "2026-02-09" |
      | rehab_follow_up_planned | false        |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
      | field           | value                                       |
      | closure_date    | "2026-02-10"                                |
      | closure_summary | "Help ended on the agreed date; trial open" |
    # The proceedings keep the case open until they end.
    Then the case is open
    And the prosecutor has a task "Record the crime in the unified register"
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-77" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "not_victim"

  @consent @privacy
  Scenario: an NGO-first adult who refuses a police report gets shelter before any decision and the police never see her name
    Given a presumed victim reported by the NGO
      | field         | value              |
      | pseudonym     | "Saltanat-5"       |
      | full_name     | "Saltanat Ergeshova" |
      | date_of_birth | "1998-02-14"       |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
      | non_punishment_applies      | false |
    Then the case data has assistance_shelter_provided = true
    And the NGO has a task "Intake and needs assessment"
    And the police has a task "Decide identification status"
    And the prosecutor has no open tasks
    And the police are shown none of full_name, date_of_birth, document_number, address in this case
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the police has no open tasks
    And the police are shown none of full_name, date_of_birth, document_number, address in this case

  @consent
  Scenario: offences she was compelled to commit are cleared by the prosecutor without a police report
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                   | value                      |
      | non_punishment_applies  | true                       |
      | non_punishment_offences | ["irregular_stay_or_work"] |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the prosecutor has no task "Record the crime in the unified register"
    And the NGO has a task "Intake and needs assessment"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the prosecutor has no open tasks
    And the case data has proceedings_outcome = "non_punishment_only"
    And the police has no task "Record the crime in the unified register"

  @child @proceedings
  Scenario: a child's crime is registered at reasonable grounds, beside the referral, without waiting for child protection to accept it and give first assistance
    Given a presumed victim reported by the NGO
      | field     | value        |
      | pseudonym | "Aigerim-15" |
      | age       | 15           |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                |
      | child_notification_date  | "2026-01-05"         |
      | child_protection_officer | "Inspector, Bishkek" |
      | child_unaccompanied      | true                 |
      | child_guardian_name      | "Appointed guardian" |
      | child_guardian_relation  | appointed_guardian   |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the NGO has a task "Compile the referral"
    And the police has a task "Decide identification status"
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-71" |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    And the NGO has a task "Compile the referral"
    And the child-protection body has no task "Accept or decline referral"

  @proceedings @consent
  Scenario: found in a police raid, she is not asked by the raiding officers whether she will testify: once the NGO accepts her referral, the question moves to the NGO
    # Review 4, N-13 (a): the proceedings open at reasonable grounds, while the referral still
    # runs, so the question first lands with the first responder; an open task of the agency
    # serving her that nobody took moves to the receiver once it accepts (and is audited).
    Given a presumed victim reported by the police
      | field     | value        |
      | pseudonym | "Aizada-50"  |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the police completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | true         |
    And the police completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-50" |
    Then the police has a task "Explain the proceedings and ask whether the person takes part"
    When the police completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    And the police has no task "Explain the proceedings and ask whether the person takes part"
    And the case history records "Explain the proceedings and ask whether the person takes part" moved from the police to the NGO

  @proceedings
  Scenario: an adult's police report opens the proceedings at reasonable grounds, beside her referral; offences recorded later in first assistance go to the prosecutor once, with no second register entry
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the NGO has a task "Compile the referral"
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-72" |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    When the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                   | value                      |
      | non_punishment_applies  | true                       |
      | non_punishment_offences | ["irregular_stay_or_work"] |
    Then the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
    And the prosecutor has no task "Record the crime in the unified register"
    And the prosecutor has no task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has a task "Intake and needs assessment"
    And the NGO has a task "Explain the proceedings and ask whether the person takes part"
    When the prosecutor completes "Decide on non-punishment of offences recorded in first assistance"
      | field                      | value                                    |
      | non_punishment_decision    | not_prosecuted                           |
      | non_punishment_person_told | false                                    |
      | non_punishment_reasons     | "She is in the shelter; no contact yet"  |
      | non_punishment_tell_plan   | "The NGO tells her this week"            |
    Then the prosecutor has no open tasks
    And the case data has non_punishment_decision = "not_prosecuted"
    And the NGO has a task "Tell the person about the non-punishment decision"
    When the NGO completes "Tell the person about the non-punishment decision"
      | field                   | value                     |
      | non_punishment_told_how | At the NGO, with a lawyer |
    Then the NGO has no task "Tell the person about the non-punishment decision"
    And the case data has non_punishment_told_later = true
    And the case data has crime_register_number = "02-2026-72"

  @proceedings
  Scenario: offences recorded at reasonable grounds go to the prosecutor at once; an offence first learnt in first assistance is brought to the prosecutor too
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value                       |
      | reasonable_grounds_informed | true                        |
      | non_punishment_applies      | true                        |
      | non_punishment_offences     | ["illegal_border_crossing"] |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                   | value                                         |
      | non_punishment_applies  | true                                          |
      | non_punishment_offences | ["illegal_border_crossing", "property_crime"] |
    Then the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
    And the prosecutor has no task "Record the crime in the unified register"
    When the prosecutor completes "Decide on non-punishment of offences recorded in first assistance"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the NGO has no task "Tell the person about the non-punishment decision"

  @privacy
  Scenario: the social services are the identifying authority for a case an NGO brought
    Given the parameter identifying_authority is social
    And a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the social services has a task "Decide identification status"
    And the police has no open tasks
    When the social services completes "Decide identification status"
      | field                           | value                         |
      | identification_decision         | confirmed                     |
      | identification_decision_officer | "Head of the social services" |
      | status_decision_person_told     | true                          |
    Then the case data has status_decision_outcome = "confirmed"
    And the police are shown none of full_name, date_of_birth, document_number, address in this case
    And the NGO has a task "Compile the referral"

  @repatriation @outbound @reflection
  Scenario: a foreign victim receives services during her reflection period and stays for the proceedings
    Given a presumed victim reported by the NGO
      | field                | value       |
      | citizenship          | TJ          |
      | exploitation_country | KG          |
      | pseudonym            | "Mehri-14"  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Check risk before contacting the consulate"
      | field                   | value |
      | consulate_contact_consent | false |
    Then the NGO has a task "Explain rights and the reflection period"
    And the NGO has a task "Intake and needs assessment"
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the NGO completes "Intake and needs assessment"
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
    Then the NGO has no task "Discuss options"
    When 30 days pass
    Then the NGO has a task "Discuss options"
    When the NGO completes "Discuss options"
      | field               | value                |
      | repatriation_option | stay_for_proceedings |
    Then the case data has repatriation_outcome = "stayed_for_proceedings"
    And the case data has return_reflection_start = "2026-01-05"
    And the social services has a task "Review rehabilitation plan"
    And the case is open

  @consent
  Scenario: a person refuses every receiver and the case ends with an anonymous notification
    Given a presumed victim reported by the NGO
      | field     | value              |
      | full_name | "Zarina Osmonova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the case is open
    And the police has a task "Decide identification status"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the case is closed with outcome "anonymous_notification"
    And the police has no open tasks
    And the case data has no full_name

  @consent @repatriation
  Scenario: a foreign woman who refuses every receiver keeps her reflection period: the NGO serving her, not the social services she refused, records with the migration authorities that she is not removed before it ends
    Given a presumed victim reported by the NGO
      | field       | value        |
      | citizenship | UZ           |
      | pseudonym   | "Dilnoza-02" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the NGO has a task "Record no removal during the reflection period"
    And the social services has no open tasks
    And the case data has return_reflection_start = "2026-01-05"
    And the case data has return_reflection_ends = "2026-02-04"
    And IOM has no open tasks
    When the NGO tries to complete "Record no removal during the reflection period"
      | field                    | value                                  |
      | no_removal_recorded      | true                                   |
      | no_removal_recorded_with | "Migration department, Bishkek, 14/26" |
      | no_removal_person_told   | true                                   |
      | no_removal_return_wish   | return_home                            |
    Then the answers are refused for no_removal_return_help
    When the NGO completes "Record no removal during the reflection period"
      | field                    | value                                  |
      | no_removal_recorded      | true                                   |
      | no_removal_recorded_with | "Migration department, Bishkek, 14/26" |
      | no_removal_person_told   | true                                   |
      | no_removal_return_wish   | stay                                   |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has no_removal_recorded = true

  @consent @repatriation
  Scenario: a stateless woman who takes some help without a receiver keeps her reflection period, recorded with the migration authorities once the help is provided, and her statelessness is verified
    Given a presumed victim reported by the NGO
      | field              | value        |
      | citizenship_status | stateless    |
      | pseudonym          | "Gulnara-03" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value                |
      | referral_refusal_wants_help | true                 |
      | consent_help_continuing     | "A doctor, no shelter" |
    And the NGO completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["medical"]  |
      | withdrawn_help_date     | "2026-01-07" |
    Then the NGO has a task "Record no removal during the reflection period"
    And the social services has no open tasks
    And the case data has return_reflection_ends = "2026-02-04"
    When the NGO completes "Record no removal during the reflection period"
      | field                      | value                                  |
      | no_removal_recorded        | true                                   |
      | no_removal_recorded_with   | "Migration department, Bishkek, 17/26" |
      | no_removal_identity_agreed | true                                   |
      | no_removal_person_told     | true                                   |
      | no_removal_return_wish     | undecided                              |
    Then the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                   | value     |
      | citizenship_verified_as | stateless |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the case is closed
    And the case data has citizenship = "stateless"
    And IOM has no open tasks


  @consent
  Scenario: a woman who refused the social services and takes some help without a receiver withdraws again but still wants help: the NGO serving her agrees it with her, never the social services she refused
    Given a presumed victim reported by the NGO
      | field       | value        |
      | citizenship | UZ           |
      | pseudonym   | "Aziza-04" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value                  |
      | referral_refusal_wants_help | true                   |
      | consent_help_continuing     | "A doctor, no shelter" |
    Then the NGO has a task "Provide the help that continues"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-07 |
      | consent_still_agrees_to_help | true       |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value              |
      | consent_help_continuing | "Legal advice only" |
    Then the NGO has a task "Provide the help that continues"
    And the social services has no open tasks

  @consent @repatriation
  Scenario: a foreign woman who refused every receiver withdraws her consent while her no removal is recorded but still wants help: the NGO serving her agrees and provides it, never the social services she refused, and her no removal is still recorded
    Given a presumed victim reported by the NGO
      | field       | value        |
      | citizenship | UZ           |
      | pseudonym   | "Dilnoza-05" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the NGO has a task "Record no removal during the reflection period"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-08 |
      | consent_still_agrees_to_help | true       |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the NGO has a task "Record no removal during the reflection period"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value               |
      | consent_help_continuing | "Legal advice only" |
    Then the NGO has a task "Provide the help that continues"
    And the social services has no open tasks
    When the NGO completes "Provide the help that continues"
      | field                   | value         |
      | withdrawn_help_provided | ["legal_aid"] |
      | withdrawn_help_date     | "2026-01-09"  |
    Then the case is open
    And the NGO has a task "Record no removal during the reflection period"
    When the NGO completes "Record no removal during the reflection period"
      | field                      | value                                  |
      | no_removal_recorded        | true                                   |
      | no_removal_recorded_with   | "Migration department, Bishkek, 15/26" |
      | no_removal_identity_agreed | true                                   |
      | no_removal_person_told     | true                                   |
      | no_removal_return_wish     | stay                                   |
    Then the case is closed
    And the case data has no_removal_recorded = true

  @consent @proceedings
  Scenario: a woman who refuses every receiver keeps her part in the proceedings she agreed to and her status decision; her identity is kept for them, and the receiver she refused neither runs them nor sees who she is
    Given a presumed victim reported by the NGO
      | field     | value              |
      | full_name | "Zarina Osmonova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the police has a task "Decide identification status"
    And the case is open
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the case is open
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-55" |
    Then the social services has no open tasks
    And the social services is shown no personal data of this case
    And the NGO is shown personal data of this case
    When the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has full_name = "Zarina Osmonova"

  @consent @proceedings
  Scenario: a woman who turns down two shelters but wants a doctor and a lawyer, and agreed to a police report, has the crime registered all the same
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value                            |
      | referral_refusal_wants_help | true                             |
      | consent_help_continuing     | A doctor and a lawyer, no shelter |
    Then the case data has referral_receiver = null
    And the prosecutor has a task "Record the crime in the unified register"
    And the NGO has a task "Provide the help that continues"
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-61" |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    And the social services has no open tasks

  @consent @proceedings
  Scenario: a woman who withdraws from help before her referral is compiled, but still wants some help and agreed to a police report, keeps the proceedings she agreed to
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
    Then the case data has referral_outcome = "withdrawn"
    And the NGO has a task "Provide the help that continues"
    And the prosecutor has a task "Record the crime in the unified register"

  @consent @child
  Scenario: the child-protection body records that a child stops sharing her data with the consular service
    # Child protection is the body that speaks with a child and her guardian: it records a
    # limitation of her consent at any moment of her case, as it records a withdrawal.
    Given a presumed victim reported by the NGO
      | field         | value       |
      | pseudonym     | "Aidai-14"  |
      | age           | 14          |
      | age_certainty | documented  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body sends the message "consent_limited" with:
      | field                           | value        |
      | consent_withdrawn_on            | 2026-01-06   |
      | consent_withdrawn_from          | ["consular"] |
      | consent_police_report_withdrawn | false        |
    Then the case is open
    And the case data has consent_withdrawn_from = ["consular"]
    And the consular service is shown no personal data of this case

  @consent
  Scenario: a woman stops sharing with the police only; her referral and shelter go on
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the police has a task "Decide identification status"
    And the police is shown personal data of this case
    When the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_on            | 2026-01-06 |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    Then the case is open
    And the case data has consent_withdrawn_from = ["police"]
    And the case data has consent_police_report_withdrawn = true
    And the police is shown no personal data of this case
    And the NGO has a task "Compile the referral"
    And the police has a task "Decide identification status"
    And the case waits for the message "consent_limited"
    When the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-06" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the NGO has a task "Intake and needs assessment"
    And the police is shown no personal data of this case
    And the case is open


  @consent
  Scenario: a woman who refused a police report, with no offences to clear, has no proceedings open; when she stops sharing with the police the case records it and her referral goes on
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the prosecutor has no open tasks
    And the case data has proceedings_opened_at_grounds = false
    When the NGO sends the message "consent_limited" with:
      | field                  | value      |
      | consent_withdrawn_on   | 2026-01-06 |
      | consent_withdrawn_from | ["police"] |
    Then the case data has consent_limited = true
    And the case data has consent_withdrawn_from = ["police"]
    And the NGO has a task "Compile the referral"
    And the case waits for the message "consent_limited"
  @consent
  Scenario: a woman withdraws her consent to help altogether during the referral; the help she still wants is agreed, provided and the case closes
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the NGO has a task "Compile the referral"
    And the police has a task "Decide identification status"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
    Then the case data has referral_outcome = "withdrawn"
    And the case is open
    And the NGO has a task "Provide the help that continues"
    And the prosecutor has no task "Record the crime in the unified register"
    When the NGO completes "Provide the help that continues"
      | field                   | value                      |
      | withdrawn_help_provided | ["shelter", "medical"]     |
      | withdrawn_help_date     | "2026-01-05"               |
    Then the case data has case_outcome = "withdrawn"
    And the case is open
    And the police has a task "Decide identification status"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    Then the case is closed with outcome "withdrawn"

  @consent
  Scenario: help agreed after a withdrawal during the referral is withdrawn in turn once the decision is taken; what she still wants is agreed anew and provided
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
    Then the NGO has a task "Provide the help that continues"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-08 |
      | consent_still_agrees_to_help | true       |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                  |
      | consent_help_continuing | "Legal advice only"    |
    And the NGO completes "Provide the help that continues"
      | field                   | value         |
      | withdrawn_help_provided | ["legal_aid"] |
      | withdrawn_help_date     | "2026-01-12"  |
    Then the case is closed with outcome "withdrawn"


  @consent
  Scenario: help agreed after a withdrawal during the referral is withdrawn in turn while the status decision still runs; "I want nothing more" stops it at once and only an anonymous notification remains
    Given a presumed victim reported by the NGO
      | field     | value            |
      | full_name | "Asel Mamatova"  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
    Then the NGO has a task "Provide the help that continues"
    And the police has a task "Decide identification status"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-08 |
      | consent_still_agrees_to_help | false      |
    Then the NGO has no task "Provide the help that continues"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the police has a task "Decide identification status"
    And the case is open
    When the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the case is closed with outcome "withdrawn"
    And the case data has no full_name
  @consent
  Scenario: help agreed after a withdrawal during identification is provided, and the case closes without her identity purged
    Given a presumed victim reported by the NGO
      | field     | value           |
      | full_name | "Asel Tokonova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                                    |
      | consent_help_continuing | "A doctor and legal advice, nothing else" |
    Then the NGO has a task "Provide the help that continues"
    And the case is open
    When the NGO completes "Provide the help that continues"
      | field                   | value                                         |
      | withdrawn_help_provided | ["medical", "legal_aid"]                      |
      | withdrawn_help_details  | "Polyclinic No. 2; legal advice by NGO Sezim" |
      | withdrawn_help_date     | "2026-01-07"                                  |
    Then the case is closed with outcome "withdrawn"
    And the case data has full_name = "Asel Tokonova"

  @consent
  Scenario: a woman withdraws consent during rehabilitation and the case closes as withdrawn
    Given a presumed victim reported by the NGO
      | field     | value             |
      | full_name | "Elnura Bekova"   |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-08 |
      | consent_still_agrees_to_help | false      |
    Then the social services has no task "Draft individual rehabilitation plan"
    And the social services has a task "Close the case"
    When the social services completes "Close the case"
    Then the case is closed with outcome "withdrawn"
    And the case data has no full_name

  @consent
  Scenario: a woman withdraws consent during rehabilitation but still wants some help: it is agreed and provided before the case closes
    Given a presumed victim reported by the NGO
      | field     | value             |
      | full_name | "Cholpon Asanova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-08 |
      | consent_still_agrees_to_help | true       |
    Then the social services has no task "Draft individual rehabilitation plan"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                         |
      | consent_help_continuing | "Shelter until the end of May" |
    Then the social services has no task "Close the case"
    And the NGO has a task "Provide the help that continues"
    When the NGO completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["shelter"]  |
      | withdrawn_help_date     | "2026-01-08" |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
    Then the case is closed with outcome "withdrawn"

  @consent
  Scenario: consent withdrawn while the case waits for its follow-up contact: the help she still wants is agreed and provided
    Given a presumed victim reported by the NGO
      | field     | value          |
      | full_name | "Jamila Sydykova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
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
      | field                   | value        |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-06-01" |
      | rehab_follow_up_by      | ngo          |
    And the social services completes "Close the case"
    Then the case is open
    And the case waits for the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-02-01 |
      | consent_still_agrees_to_help | true       |
    And 150 days pass
    Then the NGO has no task "Follow-up contact"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                                   |
      | consent_help_continuing | "Counselling at the crisis centre only" |
    Then the case is open
    And the NGO has a task "Provide the help that continues"
    And the task "Provide the help that continues" is due on 2026-07-06
    When the NGO completes "Provide the help that continues"
      | field                   | value                                             |
      | withdrawn_help_provided | ["psychological"]                                 |
      | withdrawn_help_details  | "Four counselling sessions, by the crisis centre" |
      | withdrawn_help_date     | "2026-07-01"                                      |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has follow_up_declined = true
    And the case data has withdrawn_help_provided = ["psychological"]

  @consent
  Scenario: consent withdrawn while the case waits for its follow-up contact: no more contact, only an anonymous notification
    Given a presumed victim reported by the NGO
      | field     | value          |
      | full_name | "Jamila Sydykova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
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
      | field                   | value        |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-06-01" |
      | rehab_follow_up_by      | ngo          |
    And the social services completes "Close the case"
    Then the case is open
    And the case waits for the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-02-01 |
      | consent_still_agrees_to_help | false      |
    And 150 days pass
    Then the NGO has no task "Follow-up contact"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the case is closed with outcome "rehabilitation_completed"
    And the case data has follow_up_declined = true
    And the case data has no full_name

  @child @consent @message
  Scenario: a foreign child's consent to everything is withdrawn while her return (4B) and the proceedings run beside rehabilitation: one protection task, and nothing is purged
    Given a presumed victim reported by the NGO
      | field                | value       |
      | citizenship          | TJ          |
      | exploitation_country | KG          |
      | pseudonym            | "Firuza-15" |
      | full_name            | "Firuza N." |
      | age                  | 15          |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    Then the case data has presumed_child = true
    And the child-protection body has a task "Register child notification and appoint a guardian"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                 |
      | child_notification_date  | "2026-01-05"          |
      | child_protection_officer | "Inspector, Bishkek"  |
      | child_unaccompanied      | true                  |
      | child_guardian_name      | "Appointed guardian"  |
      | child_guardian_relation  | appointed_guardian    |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value                |
      | referral_needs             | ["shelter"]          |
      | referral_receiver          | child_protection     |
      | referral_consent_receivers | ["child_protection"] |
      | referral_consent_date      | "2026-01-05"         |
      | referral_consent_method    | written              |
      | referral_child_views       | "Wants to stay where she is safe" |
    And the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the child-protection body completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the child-protection body completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_consent | false |
    Then the child-protection body has a task "Explain rights and the reflection period"
    And the child-protection body has a task "Intake and needs assessment"
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value                               |
      | consent_withdrawn_scope      | ["help", "return", "proceedings"]   |
      | consent_withdrawn_on         | 2026-01-08                          |
      | consent_withdrawn_from       | ["police"]                          |
      | consent_still_agrees_to_help | false                               |
      | consent_withdrawn_by         | child                               |
    Then the child-protection body has no task "Explain rights and the reflection period"
    And the social services has no task "Draft individual rehabilitation plan"
    And the child-protection body has 1 tasks "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    And the child-protection body has no task "Agree the person's safety after consent was withdrawn"
    And the case data has proceedings_outcome = "consent_withdrawn"
    And the case is open
    And the case data has no purge_personal_data
    When the child-protection body completes "Keep the child protected when the rehabilitation ends on a withdrawn consent"
      | field                          | value                                         |
      | child_withdrawal_responsible   | District child-protection body, Bishkek       |
      | child_withdrawal_care          | shelter                                       |
      | child_withdrawal_guardian_kept | true                                          |
      | child_withdrawal_contact_plan  | weekly visit to the shelter with the guardian |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    # Help has ended, but the case closes only once the formal status decision was taken.
    Then the social services has no task "Close the case"
    When the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
      | status_decision_guardian_told | true |
    Then the social services has a task "Close the case"
    When the social services completes "Close the case"
    Then the case is closed with outcome "withdrawn"
    And the case data has repatriation_outcome = "consent_withdrawn"
    And the case data has full_name = "Firuza N."
    And the case data has no purge_personal_data

  @consent @child @proceedings @citizenship
  Scenario: a withdrawal of help while a child's citizenship is verified at home does not cancel the criminal proceedings, and the child keeps child protection
    Given a presumed victim reported by the NGO
      | field                | value       |
      | citizenship_status   | unknown     |
      | exploitation_country | KG          |
      | pseudonym            | "Aidana-16" |
      | age                  | 16          |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                |
      | child_notification_date  | "2026-01-05"         |
      | child_protection_officer | "Inspector, Bishkek" |
      | child_unaccompanied      | true                 |
      | child_guardian_name      | "Appointed guardian" |
      | child_guardian_relation  | appointed_guardian   |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value                             |
      | referral_needs             | ["shelter"]                       |
      | referral_receiver          | child_protection                  |
      | referral_consent_receivers | ["child_protection"]              |
      | referral_consent_date      | "2026-01-05"                      |
      | referral_consent_method    | written                           |
      | referral_child_views       | "Wants to stay where she is safe" |
    And the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the child-protection body completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the registration service has a task "Verify citizenship"
    And the prosecutor has a task "Record the crime in the unified register"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | false        |
      | consent_withdrawn_by         | child        |
    Then the registration service has a task "Verify citizenship"
    And the prosecutor has a task "Record the crime in the unified register"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                         |
      | child_withdrawal_responsible   | "District child-protection body, Bishkek"     |
      | child_withdrawal_care          | shelter                                       |
      | child_withdrawal_guardian_kept | true                                          |
      | child_withdrawal_contact_plan  | "Weekly visit to the shelter with the guardian" |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    And the child-protection body completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                          |
      | consent_help_continuing | "Shelter until the end of May" |
    And the child-protection body completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["shelter"]  |
      | withdrawn_help_date     | "2026-01-09" |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case is open

  @consent @proceedings @citizenship
  Scenario: a withdrawal of help while her citizenship is verified does not cancel the criminal proceedings, and a witness's identity is not purged
    Given a presumed victim reported by the NGO
      | field              | value       |
      | citizenship_status | stateless   |
      | pseudonym          | "Saltanat-40" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the registration service has a task "Verify citizenship"
    And the prosecutor has a task "Record the crime in the unified register"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | false        |
    Then the registration service has a task "Verify citizenship"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the prosecutor has a task "Record the crime in the unified register"
    And the case data has rehab_exit_reason = "voluntary_withdrawal"
    And the case data has no purge_personal_data
    And the case is open

  @consent @citizenship
  Scenario: a withdrawal of help while her citizenship is verified at home: the help she still wants is agreed and provided
    Given a presumed victim reported by the NGO
      | field              | value       |
      | citizenship_status | stateless   |
      | pseudonym          | "Gulnara-41" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the registration service has a task "Verify citizenship"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | true         |
    Then the registration service has a task "Verify citizenship"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                          |
      | consent_help_continuing | "Medical care and legal advice" |
    And the NGO completes "Provide the help that continues"
      | field                   | value                  |
      | withdrawn_help_provided | ["medical", "legal_aid"]|
      | withdrawn_help_date     | "2026-01-09"           |
    Then the case data has rehab_exit_reason = "voluntary_withdrawal"

  @consent @proceedings
  Scenario: a withdrawal of help during the follow-up while the proceedings run: the follow-up stops, the proceedings' tasks stay open and the witness's identity is kept
    Given a presumed victim reported by the NGO
      | field     | value          |
      | full_name | "Jamila Sydykova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
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
      | field                   | value        |
      | rehab_follow_up_planned | true         |
      | rehab_follow_up_date    | "2026-06-01" |
      | rehab_follow_up_by      | ngo          |
    And the social services completes "Close the case"
    Then the prosecutor has a task "Record the crime in the unified register"
    And the case waits for the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-02-01" |
      | consent_still_agrees_to_help | false        |
    And 150 days pass
    Then the NGO has no task "Follow-up contact"
    And the prosecutor has a task "Record the crime in the unified register"
    And the case is open
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-77" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | true  |
    Then the police has a task "Decide protection measures for the victim-witness"
    And the case data has full_name = "Jamila Sydykova"
    And the case data has no purge_personal_data

  # --- sop-case (issue 16): citizenship, a foreigner abroad, exits that keep help going ---------

  @citizenship @repatriation
  Scenario: a person found abroad whose citizenship cannot be established is helped there, and the case waits for the procedure: established Kyrgyz, she is offered her return home
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | RU         |
      | citizenship_status   | unknown    |
      | pseudonym            | "Timur-25" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the registration service completes "Verify citizenship"
      | field                          | value                                      |
      | citizenship_verified_as        | not_established                            |
      | citizenship_verification_basis | "No entry found; he has no documents left" |
    And the registration service completes "Open the procedure to establish identity and citizenship"
      | field                             | value                           |
      | citizenship_procedure_kind        | identity_and_citizenship        |
      | citizenship_procedure_followed_by | "Registration officer, Bishkek" |
      | citizenship_procedure_person_told | true                            |
    Then the consular service has a task "Refer to help in the country of stay"
    When the consular service completes "Refer to help in the country of stay"
      | field                        | value                  |
      | referral_abroad_to           | iom                    |
      | referral_abroad_organisation | "IOM office in Moscow" |
      | referral_abroad_country      | RU                     |
      | referral_abroad_data_consent | true                   |
      | referral_abroad_outcome      | taken_on               |
    Then the case is open
    And the case waits for the message "citizenship_established"
    And the consular service has no task "Consular interview"
    When the registration service sends the message "citizenship_established" with:
      | field                         | value                                   |
      | citizenship_established_as    | kyrgyz                                  |
      | citizenship_established_basis | "Birth record found in the Osh archive" |
    Then the case data has citizenship = "KG"
    And the consular service has a task "Consular interview"


  @citizenship @repatriation
  Scenario: abroad, the wait for the citizenship procedure is watched: the consular service follows it up in time, again after each follow-up, and the case closes with help there when she no longer waits for it
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | RU         |
      | citizenship_status   | unknown    |
      | pseudonym            | "Kanat-26" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the registration service completes "Verify citizenship"
      | field                          | value                                      |
      | citizenship_verified_as        | not_established                            |
      | citizenship_verification_basis | "No entry found; he has no documents left" |
    And the registration service completes "Open the procedure to establish identity and citizenship"
      | field                             | value                           |
      | citizenship_procedure_kind        | identity_and_citizenship        |
      | citizenship_procedure_followed_by | "Registration officer, Bishkek" |
      | citizenship_procedure_person_told | true                            |
    Then the consular service has a task "Refer to help in the country of stay"
    When the consular service completes "Refer to help in the country of stay"
      | field                        | value                  |
      | referral_abroad_to           | iom                    |
      | referral_abroad_organisation | "IOM office in Moscow" |
      | referral_abroad_country      | RU                     |
      | referral_abroad_data_consent | true                   |
      | referral_abroad_outcome      | taken_on               |
    Then the consular service has a task "Follow the citizenship procedure and keep in touch"
    And the case waits for the message "citizenship_established"
    When 10 working days pass
    Then "Follow the citizenship procedure and keep in touch" is escalated to the supervisors of the consular service
    When the consular service completes "Follow the citizenship procedure and keep in touch"
      | field                           | value                                  |
      | return_procedure_status         | "Archive search in Osh under way"      |
      | return_procedure_person_told    | true                                   |
      | return_procedure_help_continues | true                                   |
      | return_procedure_person_waits   | true                                   |
    Then the consular service has a task "Follow the citizenship procedure and keep in touch"
    And the case waits for the message "citizenship_established"
    When the consular service completes "Follow the citizenship procedure and keep in touch"
      | field                           | value                                          |
      | return_procedure_status         | "Still no answer from the archive"             |
      | return_procedure_person_told    | true                                           |
      | return_procedure_help_continues | true                                           |
      | return_procedure_person_waits   | false                                          |
      | return_procedure_stop_reason    | "I have work and friends here; I stay for now" |
    Then the case is closed with outcome "referred_abroad"
  @citizenship @repatriation
  Scenario: established stateless abroad after the procedure, the person stays referred to help in the country of stay and the case closes with an answer
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | RU         |
      | citizenship_status   | unknown    |
      | pseudonym            | "Timur-26" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
    And the consular service completes "Refer to help in the country of stay"
      | field                        | value                  |
      | referral_abroad_to           | iom                    |
      | referral_abroad_organisation | "IOM office in Moscow" |
      | referral_abroad_country      | RU                     |
      | referral_abroad_data_consent | true                   |
      | referral_abroad_outcome      | taken_on               |
    Then the case is open
    When the consular service sends the message "citizenship_established" with:
      | field                      | value     |
      | citizenship_established_as | stateless |
    Then the case is open
    And the consular service has a task "Tell the person the result and what follows"
    When the consular service tries to complete "Tell the person the result and what follows"
      | field                          | value |
      | citizenship_result_person_told | false |
      | citizenship_result_next        | help_there |
    Then the answers are refused for citizenship_result_not_told_reason, citizenship_result_tell_plan
    When the consular service completes "Tell the person the result and what follows"
      | field                          | value                                |
      | citizenship_result_person_told | true                                 |
      | citizenship_result_next        | passed_on                            |
      | citizenship_result_passed_to   | "IOM Moscow, with her written consent" |
    Then the case is closed with outcome "referred_abroad"
    And the case data has citizenship = "stateless"

  @citizenship
  Scenario: in Kyrgyzstan a citizenship that cannot be established starts no return procedure: no country to return her to, she is helped here while the procedure runs
    Given a presumed victim reported by the NGO
      | field              | value       |
      | citizenship_status | unknown     |
      | pseudonym          | "Ainura-27" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    Then the registration service has a task "Open the procedure to establish identity and citizenship"
    When the registration service completes "Open the procedure to establish identity and citizenship"
      | field                      | value         |
      | citizenship_procedure_kind | statelessness |
    Then the NGO has a task "Intake and needs assessment"
    And the NGO has no task "Explain rights and the reflection period"
    And IOM has no open tasks
    And the case data has citizenship_unresolved = true

  @citizenship
  Scenario: a stateless person's citizenship is verified before return is chosen
    Given a presumed victim reported by the NGO
      | field              | value       |
      | citizenship_status | stateless   |
      | pseudonym          | "Ainura-21" |
    Then the case data has citizenship = "stateless"
    And the case data has is_foreign = false
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the NGO has no task "Check risk before contacting the consulate"
    And the registration service has a task "Verify citizenship"
    And the task "Verify citizenship" is due in 10 working days
    And the NGO has no task "Explain rights and the reflection period"
    When the registration service completes "Verify citizenship"
      | field                          | value                                                     |
      | citizenship_verified_as        | stateless                                                 |
      | citizenship_verification_basis | "No entry in the registers of Kyrgyzstan or of Uzbekistan" |
    Then the case data has citizenship = "stateless"
    And the case data has is_foreign = true
    And the NGO has a task "Intake and needs assessment"
    And the NGO has a task "Explain rights and the reflection period"
    And IOM has no open tasks
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    Then the NGO has no task "Discuss options"
    When 30 days pass
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | other_protection |
    Then the case data has repatriation_outcome = "other_protection"
    And the NGO has a task "Intake and needs assessment"
    And IOM has no open tasks

  @citizenship @repatriation @inbound
  Scenario: a person found abroad whose citizenship is not known is verified as a Kyrgyz citizen before the consular interview
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | RU         |
      | citizenship_status   | unknown    |
      | pseudonym            | "Timur-23" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    Then the case data has citizenship = "unknown"
    And the consular service has no task "Consular interview"
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                          | value                                       |
      | citizenship_verified_as        | kyrgyz                                      |
      | citizenship_verification_basis | "Entry in the population register, Talas"   |
    Then the case data has citizenship = "KG"
    And the consular service has a task "Consular interview"
    And the consular service has no task "Refer to help in the country of stay"

  @citizenship @repatriation
  Scenario: a foreign national found abroad is referred to help there
    Given a presumed victim reported by the consular service
      | field                | value        |
      | detection_channel    | consular     |
      | location             | abroad       |
      | citizenship          | UZ           |
      | exploitation_country | RU           |
      | pseudonym            | "Dilnoza-22" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    Then the consular service has no task "Consular interview"
    And the registration service has no task "Verify citizenship"
    And the consular service has a task "Refer to help in the country of stay"
    When the consular service tries to complete "Refer to help in the country of stay"
      | field                        | value                  |
      | referral_abroad_to           | iom                    |
      | referral_abroad_organisation | "IOM office in Moscow" |
      | referral_abroad_country      | RU                     |
      | referral_abroad_data_consent | false                  |
      | referral_abroad_outcome      | taken_on               |
    Then the answers are refused for referral_abroad_outcome
    When the consular service completes "Refer to help in the country of stay"
      | field                        | value                  |
      | referral_abroad_to           | iom                    |
      | referral_abroad_organisation | "IOM office in Moscow" |
      | referral_abroad_country      | RU                     |
      | referral_abroad_data_consent | true                   |
      | referral_abroad_outcome      | taken_on               |
    Then the case is closed with outcome "referred_abroad"
    And the case data has referral_abroad_outcome = "taken_on"
    And the consular service has no open tasks

  @repatriation @safety
  Scenario: an adult found abroad is made safe and sheltered at once, before the consular steps and the citizenship verification run
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | RU          |
      | citizenship_status   | unknown     |
      | pseudonym            | "Gulnara-30" |
    Then the consular service has a task "Arrange immediate safety and shelter abroad"
    And the task "Arrange immediate safety and shelter abroad" is due in 4 hours
    And the registration service has no task "Verify citizenship"
    And the consular service has no task "Consular interview"
    When the consular service completes "Arrange immediate safety and shelter abroad"
      | field                      | value                          |
      | immediate_danger           | false                          |
      | medical_emergency          | false                          |
      | abroad_trafficker_contact  | true                           |
      | abroad_safe_place          | partner_shelter                |
      | abroad_safety_partner      | ngo                            |
      | abroad_safety_partner_name | "Crisis centre Sisters, Moscow" |
      | abroad_interim_help        | ["food_and_essentials", "psychological_support", "phone_contact"] |
    Then the consular service has no task "Provide emergency assistance abroad"
    And the case data has abroad_safe_place = "partner_shelter"
    And the registration service has a task "Verify citizenship"

  @repatriation @safety @inbound
  Scenario: a citizen found abroad in immediate danger gets emergency assistance there within hours, before the consular interview
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | TR          |
      | pseudonym            | "Asel-31"   |
    When the consular service completes "Arrange immediate safety and shelter abroad"
      | field             | value    |
      | immediate_danger  | true     |
      | medical_emergency | true     |
      | abroad_safe_place | hospital |
    Then the consular service has a task "Provide emergency assistance abroad"
    And the task "Provide emergency assistance abroad" is due in 2 hours
    And the consular service has no task "Consular interview"
    When the consular service completes "Provide emergency assistance abroad"
      | field                       | value                                  |
      | abroad_emergency_assistance | ["hospitalisation", "host_police_protection"] |
      | abroad_emergency_provider   | "City hospital No. 4, Antalya"         |
    Then the case data has abroad_emergency_assistance = ["hospitalisation", "host_police_protection"]
    And the consular service has a task "Consular interview"

  Scenario: a hand-over to repatriation cannot be chosen for a citizen, who is already home: her rehabilitation is never ended or restarted on it
    Given a presumed victim reported by the NGO
      | field     | value       |
      | pseudonym | "Saltanat-24" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Intake and needs assessment"
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
      | field                     | value    |
      | rehab_early_review_reason | handover |
    And the social services tries to complete "Review rehabilitation plan"
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    Then the answers are refused for rehab_review_decision
    And the social services has a task "Review rehabilitation plan"
    And the case is open

  @repatriation @outbound
  Scenario: a foreign victim who chooses to stay when her return after rehabilitation is discussed goes back into rehabilitation, with the same reflection period
    Given a presumed victim reported by the NGO
      | field                | value        |
      | citizenship          | UZ           |
      | language             | "uz"         |
      | exploitation_country | KG           |
      | pseudonym            | "Zarina-25"  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | high  |
      | consulate_contact_consent | false |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-07"             |
      | return_reflection_waiver_reference | "signed request, file 5" |
    And the NGO completes "Discuss options"
      | field               | value                |
      | repatriation_option | stay_for_proceedings |
    And the NGO completes "Intake and needs assessment"
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
      | field                     | value    |
      | rehab_early_review_reason | handover |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-20"             |
      | return_reflection_waiver_reference | "signed request, file 6" |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | other_protection |
    Then the social services has no task "Close the case"
    And the NGO has a task "Intake and needs assessment"
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
    And the social services completes "Close the case"
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has return_reflection_start = "2026-01-05"
    And the case data has rehab_reflection_start = "2026-01-05"
    And the case data has repatriation_outcome = "other_protection"

  @repatriation @outbound @consent
  Scenario: a foreign victim who withdraws her consent to the return after rehabilitation and still wants help goes back into rehabilitation
    Given a presumed victim reported by the NGO
      | field                | value        |
      | citizenship          | UZ           |
      | language             | "uz"         |
      | exploitation_country | KG           |
      | pseudonym            | "Madina-26"   |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the police completes "Decide identification status"
      | field                   | value     |
      | identification_decision | confirmed |
      | status_decision_person_told | true |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | high  |
      | consulate_contact_consent | false |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-07"             |
      | return_reflection_waiver_reference | "signed request, file 5" |
    And the NGO completes "Discuss options"
      | field               | value                |
      | repatriation_option | stay_for_proceedings |
    And the NGO completes "Intake and needs assessment"
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
      | field                     | value    |
      | rehab_early_review_reason | handover |
    And the social services completes "Review rehabilitation plan"
      | field                 | value                 |
      | rehab_review_decision | handover_repatriation |
    And the social services completes "Close rehabilitation and plan follow-up"
      | field                   | value |
      | rehab_follow_up_planned | false |
    And the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-20"             |
      | return_reflection_waiver_reference | "signed request, file 6" |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["return"]   |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | true         |
    Then the case data has repatriation_outcome = "consent_withdrawn"
    And the social services has no task "Close the case"
    And the NGO has a task "Intake and needs assessment"
    And the case is open

  @citizenship @child @repatriation
  Scenario: a child of unknown citizenship found abroad is protected first and, a foreign national, has her protection handed over to the child-protection body there
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | RU         |
      | citizenship_status   | unknown    |
      | age                  | 15         |
      | pseudonym            | "Aruuke-27" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the registration service has no task "Verify citizenship"
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value                 |
      | child_abroad_safe_now    | true                  |
      | child_guardian_name      | "Guardian appointed"  |
      | child_guardian_relation  | appointed_guardian    |
      | child_guardian_suspected | false                 |
    Then the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                        | value |
      | citizenship_verified_as      | other |
      | citizenship_verified_country | KZ    |
    And the consular service completes "Refer to help in the country of stay"
      | field                        | value                   |
      | referral_abroad_to           | authorities             |
      | referral_abroad_organisation | "Child services, Omsk"  |
      | referral_abroad_country      | RU                      |
      | referral_abroad_data_consent | true                    |
      | referral_abroad_outcome      | declined                |
    Then the case is open
    And the child-protection body has a task "Hand over the child's protection in the country of stay"
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                  |
      | child_abroad_responsible        | "Child services, Omsk" |
      | child_abroad_care               | alternative_care       |
      | child_abroad_guardian_confirmed | true                   |
    Then the case is closed with outcome "referred_abroad"
    And the consular service has no task "Consular interview"

  @citizenship @child @repatriation @inbound
  Scenario: a child of unknown citizenship found abroad, protected before the verification and then confirmed Kyrgyz, gets one protection task, not two, before the consular interview
    Given a presumed victim reported by the consular service
      | field                | value      |
      | detection_channel    | consular   |
      | location             | abroad     |
      | exploitation_country | KZ         |
      | citizenship_status   | unknown    |
      | age                  | 14         |
      | pseudonym            | "Bermet-32" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value                |
      | child_abroad_safe_now    | true                 |
      | child_guardian_name      | "Guardian appointed" |
      | child_guardian_relation  | appointed_guardian   |
      | child_guardian_suspected | false                |
    And the registration service completes "Verify citizenship"
      | field                   | value  |
      | citizenship_verified_as | kyrgyz |
    Then the case data has citizenship = "KG"
    And the child-protection body has no task "Protect the child abroad and appoint a guardian"
    And the consular service has a task "Consular interview"

  @citizenship @child @repatriation @inbound
  Scenario: a child found abroad whose parent is suspected gets another guardian before her citizenship is verified, and 4A does not ask again
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | RU          |
      | citizenship_status   | unknown     |
      | age                  | 12          |
      | pseudonym            | "Kanykei-34" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value         |
      | child_abroad_safe_now    | true          |
      | child_guardian_name      | "The mother"  |
      | child_guardian_relation  | parent        |
      | child_guardian_suspected | true          |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the registration service has no task "Verify citizenship"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                  |
      | child_new_guardian_name     | "Appointed guardian"   |
      | child_new_guardian_relation | appointed_guardian     |
      | child_suspect_kept_away     | true                   |
      | child_suspicion_told_police | true                   |
    Then the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                   | value  |
      | citizenship_verified_as | kyrgyz |
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Protect the child abroad and appoint a guardian"
    And the consular service has a task "Consular interview"

  @citizenship @child @guardian
  Scenario: abroad the suspected parent is no longer the child's recorded guardian once a new guardian is appointed
    Given a presumed victim reported by the consular service
      | field                | value        |
      | detection_channel    | consular     |
      | location             | abroad       |
      | exploitation_country | RU           |
      | citizenship_status   | unknown      |
      | age                  | 13           |
      | pseudonym            | "Aizada-35"  |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value        |
      | child_abroad_safe_now    | true         |
      | child_guardian_name      | "The father" |
      | child_guardian_relation  | parent       |
      | child_guardian_suspected | true         |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | "Appointed guardian" |
      | child_new_guardian_relation | appointed_guardian   |
      | child_suspect_kept_away     | true                 |
      | child_suspicion_told_police | true                 |
    Then the case data has child_guardian_name = "Appointed guardian"
    And the case data has child_guardian_relation = "appointed_guardian"
    And the case data has child_guardian_suspected_name = "The father"
    And the case data has child_guardian_suspected_relation = "parent"
    And the registration service has a task "Verify citizenship"

  @consent @citizenship
  Scenario: consent withdrawn abroad while her citizenship is verified: the consular service that serves her there refers her to help in the country of stay, nothing is arranged at home
    Given a presumed victim reported by the NGO
      | field                | value       |
      | detection_channel    | ngo_hotline |
      | location             | abroad      |
      | exploitation_country | RU          |
      | citizenship_status   | unknown     |
      | pseudonym            | "Elnura-28" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    Then the registration service has a task "Verify citizenship"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | true         |
    Then the registration service has no task "Verify citizenship"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the consular service has a task "Refer to help in the country of stay"
    When the consular service completes "Refer to help in the country of stay"
      | field                        | value                                  |
      | referral_abroad_to           | ngo                                    |
      | referral_abroad_organisation | "NGO shelter in Moscow"                |
      | referral_abroad_country      | RU                                     |
      | referral_abroad_data_consent | true                                   |
      | referral_abroad_outcome      | contacts_given                         |
    Then the case is closed with outcome "withdrawn"
    And the NGO has no open tasks

  @consent @citizenship @child
  Scenario: a withdrawal while a child abroad's citizenship is verified: the child keeps child protection, handed over in the country of stay, and the case is not closed on a consular referral alone
    Given a presumed victim reported by the consular service
      | field                | value        |
      | detection_channel    | consular     |
      | location             | abroad       |
      | exploitation_country | RU           |
      | citizenship_status   | unknown      |
      | age                  | 15           |
      | pseudonym            | "Begimai-15" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value                |
      | child_abroad_safe_now    | true                 |
      | child_guardian_name      | "Guardian appointed" |
      | child_guardian_relation  | appointed_guardian   |
      | child_guardian_suspected | false                |
    Then the registration service has a task "Verify citizenship"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_withdrawn_by         | child        |
      | consent_still_agrees_to_help | false        |
    Then the registration service has no task "Verify citizenship"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    And the consular service has no task "Refer to help in the country of stay"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                          |
      | child_withdrawal_responsible   | "Child protection, Moscow"      |
      | child_withdrawal_care          | alternative_care                |
      | child_withdrawal_guardian_kept | true                            |
      | child_withdrawal_contact_plan  | "Weekly call with the guardian" |
    Then the consular service has no task "Refer to help in the country of stay"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                  |
      | child_withdrawal_best_interests             | services_end                           |
      | child_withdrawal_best_interests_child_views | "She wants to stay with her aunt here" |
    And the consular service completes "Refer to help in the country of stay"
      | field                        | value                   |
      | referral_abroad_to           | ngo                     |
      | referral_abroad_organisation | "NGO shelter in Moscow" |
      | referral_abroad_country      | RU                      |
      | referral_abroad_data_consent | true                    |
      | referral_abroad_outcome      | declined                |
    Then the case is open
    And the child-protection body has a task "Hand over the child's protection in the country of stay"
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                  |
      | child_abroad_responsible        | "Child services, Moscow" |
      | child_abroad_care               | alternative_care         |
      | child_abroad_guardian_confirmed | true                     |
    Then the case is closed with outcome "withdrawn"


  @consent @citizenship @child
  Scenario: abroad, a child's consent withdrawn by her father, whom child protection then finds suspected of involvement, is not acted on: another guardian is appointed, her best interests are decided and her citizenship is verified again, the case not closed
    Given a presumed victim reported by the consular service
      | field                | value        |
      | detection_channel    | consular     |
      | location             | abroad       |
      | exploitation_country | RU           |
      | citizenship_status   | unknown      |
      | age                  | 15           |
      | pseudonym            | "Begimai-15" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value                |
      | child_abroad_safe_now    | true                 |
      | child_guardian_name      | "Guardian appointed" |
      | child_guardian_relation  | appointed_guardian   |
      | child_guardian_suspected | false                |
    Then the registration service has a task "Verify citizenship"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_withdrawn_by         | guardian     |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                           |
      | child_withdrawal_responsible          | "Child protection, Moscow"      |
      | child_withdrawal_care                 | alternative_care                |
      | child_withdrawal_guardian_kept        | false                           |
      | child_withdrawal_withdrawer_suspected | true                            |
      | child_withdrawal_contact_plan         | "Weekly visit by the inspector" |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Decide whether the withdrawal is in the child's best interests"
    And the consular service has no task "Refer to help in the country of stay"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | "Appointed guardian" |
      | child_new_guardian_relation | appointed_guardian   |
      | child_suspect_kept_away     | true                 |
      | child_suspicion_told_police | true                 |
    Then the case data has child_guardian_name = "Appointed guardian"
    And the case data has child_guardian_suspected_name = "Guardian appointed"
    When the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                        |
      | child_withdrawal_best_interests             | services_end                 |
      | child_withdrawal_best_interests_child_views | "She wants to see her aunt"  |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                        |
      | child_withdrawal_best_interests             | services_continue            |
      | child_withdrawal_best_interests_child_views | "She wants to see her aunt"  |
    Then the consular service has no task "Refer to help in the country of stay"
    And the child-protection body has no task "Hand over the child's protection in the country of stay"
    And the case is open
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                   | value  |
      | citizenship_verified_as | kyrgyz |
    Then the consular service has a task "Consular interview"
    And the case is open
  @consent @citizenship @child
  Scenario: abroad, a child who withdraws her own consent while her citizenship is verified, when child protection decides that ending the services is not in her best interests, keeps her case: verified again, referred there and her protection handed over, closed as referred abroad, not withdrawn
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | RU          |
      | citizenship_status   | unknown     |
      | age                  | 14          |
      | pseudonym            | "Aigerim-16" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                    | value                |
      | child_abroad_safe_now    | true                 |
      | child_guardian_name      | "Guardian appointed" |
      | child_guardian_relation  | appointed_guardian   |
      | child_guardian_suspected | false                |
    Then the registration service has a task "Verify citizenship"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_withdrawn_by         | child        |
      | consent_still_agrees_to_help | false        |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                          |
      | child_withdrawal_responsible   | "Child protection, Moscow"      |
      | child_withdrawal_care          | alternative_care                |
      | child_withdrawal_guardian_kept | true                            |
      | child_withdrawal_contact_plan  | "Weekly call with the guardian" |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                                   |
      | child_withdrawal_best_interests             | services_continue                       |
      | child_withdrawal_best_interests_child_views | "She is afraid of being sent back alone" |
    Then the consular service has no task "Refer to help in the country of stay"
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                        | value |
      | citizenship_verified_as      | other |
      | citizenship_verified_country | KZ    |
    And the consular service completes "Refer to help in the country of stay"
      | field                        | value                   |
      | referral_abroad_to           | authorities             |
      | referral_abroad_organisation | "Child services, Omsk"  |
      | referral_abroad_country      | RU                      |
      | referral_abroad_data_consent | true                    |
      | referral_abroad_outcome      | declined                |
    Then the case is open
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                  |
      | child_abroad_responsible        | "Child services, Omsk" |
      | child_abroad_care               | alternative_care       |
      | child_abroad_guardian_confirmed | true                   |
    Then the case is closed with outcome "referred_abroad"
    And the case data has child_withdrawal_acted_on = false

  @consent @repatriation @inbound
  Scenario: a citizen back from abroad withdraws her consent to help while her new passport is being issued: the passport, a legal entitlement, is still issued, and the outcome recorded when she refused the referral stands
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Dinara-33" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Dinara S."     |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    And the social services completes "Receive at home"
      | field                   | value  |
      | return_receiving_agency | social |
    And the social services completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the social services completes "Inform and obtain consent"
      | field            | value |
      | consent_informed | true  |
      | consent_referral | false |
    And the social services completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the registration service has a task "Issue new passport"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-06" |
      | consent_still_agrees_to_help | false        |
    Then the registration service has a task "Issue new passport"
    And the case is open
    When the registration service completes "Issue new passport"
      | field                  | value       |
      | passport_issued_before | false       |
      | passport_number        | "AC1112223" |
    # The outcome recorded when she refused the referral stands (review 4 M-5).
    Then the case is closed with outcome "anonymous_notification"
    And the case data has no full_name


  @consent @repatriation @inbound
  Scenario: a citizen back from abroad who withdraws her consent to help while her new passport is being issued, but still wants some help, has it agreed and provided before the case closes
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Dinara-33" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Dinara S."     |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    And the social services completes "Receive at home"
      | field                   | value  |
      | return_receiving_agency | social |
    And the social services completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the social services completes "Inform and obtain consent"
      | field            | value |
      | consent_informed | true  |
      | consent_referral | false |
    And the social services completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the registration service has a task "Issue new passport"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-06" |
      | consent_still_agrees_to_help | true         |
    Then the social services has a task "Agree the help that continues after consent was withdrawn"
    When the social services completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                      |
      | consent_help_continuing | "Counselling once a week"  |
    And the social services completes "Provide the help that continues"
      | field                   | value             |
      | withdrawn_help_provided | ["psychological"] |
      | withdrawn_help_date     | "2026-01-09"      |
    And the registration service completes "Issue new passport"
      | field                  | value       |
      | passport_issued_before | false       |
      | passport_number        | "AC1112224" |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has withdrawn_help_provided = ["psychological"]
  @child @consent @message
  Scenario: withdrawing only from the proceedings ends neither the rehabilitation nor the return running beside them
    Given a presumed victim reported by the NGO
      | field                | value       |
      | citizenship          | TJ          |
      | exploitation_country | KG          |
      | pseudonym            | "Firuza-15" |
      | full_name            | "Firuza N." |
      | age                  | 15          |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    Then the case data has presumed_child = true
    And the child-protection body has a task "Register child notification and appoint a guardian"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                 |
      | child_notification_date  | "2026-01-05"          |
      | child_protection_officer | "Inspector, Bishkek"  |
      | child_unaccompanied      | true                  |
      | child_guardian_name      | "Appointed guardian"  |
      | child_guardian_relation  | appointed_guardian    |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value                |
      | referral_needs             | ["shelter"]          |
      | referral_receiver          | child_protection     |
      | referral_consent_receivers | ["child_protection"] |
      | referral_consent_date      | "2026-01-05"         |
      | referral_consent_method    | written              |
      | referral_child_views       | "Wants to stay where she is safe" |
    And the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the child-protection body completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the child-protection body completes "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_consent | false |
    Then the child-protection body has a task "Explain rights and the reflection period"
    And the child-protection body has a task "Intake and needs assessment"
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-08      |
      | consent_still_agrees_to_help | true            |
      | consent_withdrawn_by         | child           |
    Then the child-protection body has a task "Agree the person's safety after consent was withdrawn"
    And the social services has a task "Draft individual rehabilitation plan"
    And the child-protection body has a task "Explain rights and the reflection period"
    And the child-protection body has no task "Keep the child protected when the rehabilitation ends on a withdrawn consent"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    And the case data has message_receivers = ["proceedings"]
    When the child-protection body completes "Agree the person's safety after consent was withdrawn"
      | field                 | value |
      | withdrawal_protection | kept  |
      | withdrawal_shelter    | stays |
    Then the case data has proceedings_outcome = "consent_withdrawn"
    And the social services has a task "Draft individual rehabilitation plan"
    And the case is open

  @consent @child @proceedings
  Scenario: at home, a child's withdrawal by her guardian that child protection decides is not in her best interests is not acted on: her help goes on and the case is not closed as withdrawn
    Given a presumed victim reported by the NGO
      | field     | value        |
      | pseudonym | "Nazira-14"  |
      | age       | 14           |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                |
      | child_notification_date  | "2026-01-05"         |
      | child_protection_officer | "Inspector, Bishkek" |
      | child_unaccompanied      | false                |
      | child_guardian_name      | "Her aunt"           |
      | child_guardian_relation  | relative             |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-88" |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value |
      | proceedings_participates | false |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                                 | value                                   |
      | proceedings_outcome_person_told       | true                                    |
      | proceedings_outcome_guardian_told_how | "With her aunt, at the child-protection office" |
    And the police completes "Decide identification status"
      | field                         | value     |
      | identification_decision       | confirmed |
      | status_decision_person_told   | true      |
      | status_decision_guardian_told | true      |
    And the NGO completes "Compile the referral"
      | field                      | value                |
      | referral_needs             | ["shelter"]          |
      | referral_receiver          | child_protection     |
      | referral_consent_receivers | ["child_protection"] |
      | referral_consent_date      | "2026-01-05"         |
      | referral_consent_method    | written              |
      | referral_child_views       | "Wants to go to school" |
    And the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the child-protection body completes "Provide first assistance"
      | field                       | value                      |
      | assistance_shelter_provided | true                       |
      | non_punishment_applies      | true                       |
      | non_punishment_offences     | ["irregular_stay_or_work"] |
    Then the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
    When the child-protection body completes "Intake and needs assessment"
      | field       | value       |
      | rehab_needs | ["shelter"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value       |
      | rehab_services_planned | ["shelter"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-088 |
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
    And the social services completes "Close the case"
    Then the case is open
    And the case data has case_outcome = "rehabilitation_completed"
    # Her aunt, the guardian, tells child protection that she withdraws the consent to help.
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-02-20" |
      | consent_withdrawn_by         | guardian     |
      | consent_still_agrees_to_help | false        |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                   |
      | child_withdrawal_responsible   | "District child-protection body, Osh"   |
      | child_withdrawal_care          | family                                  |
      | child_withdrawal_guardian_kept | true                                    |
      | child_withdrawal_contact_plan  | "Weekly visit at home with the guardian" |
      | child_withdrawal_withdrawer_suspected | false                           |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value                             |
      | child_withdrawal_best_interests             | services_continue                 |
      | child_withdrawal_best_interests_child_views | "She wants to keep seeing her psychologist" |
    Then the child-protection body has a task "Intake and needs assessment"
    And the child-protection body has no task "Agree the help that continues after consent was withdrawn"
    And the case is open
    And the case data has child_withdrawal_acted_on = false
    # Non-punishment never rests on consent: the prosecutor's pending decision goes on (review 5 R5-1).
    And the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
    When the child-protection body completes "Intake and needs assessment"
      | field       | value             |
      | rehab_needs | ["psychological"] |
    And the social services completes "Draft individual rehabilitation plan"
      | field                  | value             |
      | rehab_services_planned | ["psychological"] |
    And the child-protection body completes "Agree child protection plan"
      | field                    | value        |
      | child_protection_plan_id | CPP-2026-089 |
      | child_guardian_agreed    | true         |
    And the commission completes "Approve rehabilitation plan"
      | field               | value    |
      | rehab_plan_decision | approved |
    And the child-protection body completes "Deliver service: Psychological help"
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
    And the social services completes "Close the case"
    And the prosecutor completes "Decide on non-punishment of offences recorded in first assistance"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has child_withdrawal_acted_on = false
    And the case data has non_punishment_decision = "not_prosecuted"

  @consent @repatriation @inbound
  Scenario: a citizen who withdraws all consent on the way home and wants nothing is not asked again at home: no safety check, no consent asked again; only her new passport is issued, and the case closes as withdrawn without her identity
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Gulnara-41" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Gulnara T."    |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-05" |
      | return_travel_escort_provided | false        |
    Then the social services has a task "Receive at home"
    # She has landed; at the airport she says she wants nothing from "the programme".
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | "2026-01-05"       |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    And the social services completes "Tell the person where to get help"
    Then the social services has no task "Check safety and risks"
    And the social services has no task "Inform and obtain consent"
    And the social services has no task "Agree the help that continues after consent was withdrawn"
    And the registration service has a task "Issue new passport"
    And the case is open
    When the registration service completes "Issue new passport"
      | field           | value       |
      | passport_number | "AC5550001" |
    Then the case is closed with outcome "withdrawn"
    And the case data has repatriation_outcome = "arrived_home"
    And the case data has no full_name

  @consent @repatriation @inbound
  Scenario: a citizen who withdraws her consent on the way home but still wants some help gets it agreed and provided by the social services that received her, instead of SOP 1 from the start
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Gulnara-42" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Gulnara K."    |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-05" |
      | return_travel_escort_provided | false        |
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | "2026-01-05"       |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | true               |
    Then the social services has no task "Check safety and risks"
    And the social services has a task "Agree the help that continues after consent was withdrawn"
    And the registration service has a task "Issue new passport"
    When the social services completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                       |
      | consent_help_continuing | "A doctor's visit next week" |
    And the social services completes "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["medical"]  |
      | withdrawn_help_date     | "2026-01-08" |
    And the registration service completes "Issue new passport"
      | field           | value       |
      | passport_number | "AC5550002" |
    Then the case is closed with outcome "withdrawn"
    And the case data has withdrawn_help_provided = ["medical"]
    And the case data has full_name = "Gulnara K."

  @consent @privacy
  Scenario: a woman who agreed to a police report but withdrew it, and then refuses every receiver, keeps only an anonymous notification: her identity is purged, not kept for proceedings that no longer run
    Given a presumed victim reported by the NGO
      | field     | value             |
      | full_name | "Aigul Sadykova"  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_on            | 2026-01-05 |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the prosecutor has no task "Record the crime in the unified register"
    When the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has purge_personal_data = true
    And the case data has no full_name

  @consent @repatriation
  Scenario: a foreign woman who refuses every receiver and asks to go home gets her voluntary return (4B), run by the NGO serving her and IOM, never by the social services she refused, and the case closes as returned home
    Given a presumed victim reported by the NGO
      | field       | value        |
      | citizenship | UZ           |
      | pseudonym   | "Dilfuza-05" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    And the NGO completes "Record no removal during the reflection period"
      | field                      | value                                        |
      | no_removal_recorded        | true                                         |
      | no_removal_recorded_with   | "Migration department, Bishkek, 16/26"       |
      | no_removal_identity_agreed | true                                         |
      | no_removal_person_told     | true                                         |
      | no_removal_return_wish     | return_home                                  |
      | no_removal_return_help     | "IOM assisted return; she asked the NGO in writing" |
    Then the case data has repatriation_direction = "outbound"
    And the NGO has a task "Explain rights and the reflection period"
    And the social services has no open tasks
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value                    |
      | return_reflection_rights_explained | true                     |
      | return_reflection_waived           | true                     |
      | return_reflection_waiver_date      | "2026-01-07"             |
      | return_reflection_waiver_reference | "signed request, file 5" |
    And the NGO completes "Discuss options"
      | field                    | value            |
      | repatriation_option      | voluntary_return |
      | repatriation_option_date | "2026-01-08"     |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                               | value        |
      | return_consulate_contact_consent    | true         |
      | return_travel_document_request_date | "2026-01-09" |
      | return_travel_document_result       | issued       |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                            |
      | return_receiving_organisation | "Reintegration centre, Tashkent" |
      | return_receiving_country      | UZ                               |
      | return_handover_data_items    | ["contact_details", "needs"]     |
      | return_handover_data_consent  | true                             |
      | return_handover_consent_date  | "2026-01-10"                     |
      | return_handover_consent_by    | person                           |
    And IOM completes "Prepare reintegration plan"
      | field                               | value                           |
      | return_reintegration_goals          | "Vocational training near home" |
      | return_reintegration_services       | ["vocational_training"]         |
      | return_reintegration_plan_date      | "2026-01-11"                    |
      | return_reintegration_contacts_given | true                            |
    And IOM completes "Organise assisted return"
      | field                         | value                    |
      | return_travel_departure_date  | "2026-01-14"             |
      | return_travel_mode            | road                     |
      | return_travel_arrival_point   | "Dostuk border crossing" |
      | return_travel_escort_provided | false                    |
    And IOM completes "Hand over to the receiving organisation"
      | field                     | value        |
      | return_handover_date      | "2026-01-14" |
      | return_handover_confirmed | true         |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    Then the case is closed with outcome "returned_home"
    And the social services has no open tasks

  @citizenship
  Scenario: a report another agency's system sends with a country but without "Is the citizenship known?" is taken, and the case records the citizenship as known
    Given a presumed victim reported by the NGO
      | field       | value |
      | citizenship | TJ    |
    Then the case data has citizenship_status = "known"
    And the case data has citizenship = "TJ"
    And the case data has is_foreign = true

  @consent @proceedings
  Scenario: a woman whose help has closed withdraws all consent and wants nothing while the prosecutor still decides on offences she was made to commit: the decision goes on and her identity is kept for it
    Given a presumed victim reported by the NGO
      | field     | value             |
      | full_name | "Cholpon Asanova" |
      | pseudonym | "Cholpon-29"      |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
      | non_punishment_applies      | true         |
      | non_punishment_offences     | ["illegal_border_crossing"] |
    And the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    And the police completes "Decide identification status"
      | field                       | value     |
      | identification_decision     | confirmed |
      | status_decision_person_told | true      |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                   | value                                         |
      | non_punishment_applies  | true                                          |
      | non_punishment_offences | ["illegal_border_crossing", "property_crime"] |
    Then the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
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
    And the social services completes "Close the case"
    Then the case is open
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-02-20" |
      | consent_still_agrees_to_help | false        |
    Then the prosecutor has a task "Decide on non-punishment of offences recorded in first assistance"
    And the case data has no purge_personal_data
    When the prosecutor completes "Decide on non-punishment of offences recorded in first assistance"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the case is closed with outcome "rehabilitation_completed"
    And the case data has full_name = "Cholpon Asanova"

  @consent @repatriation
  Scenario: a foreign woman found by the police who refuses every receiver and asks to go home has her return discussed by the NGO she agreed to share with, never by the police
    Given a presumed victim reported by the police
      | field       | value        |
      | citizenship | UZ           |
      | pseudonym   | "Dilfuza-06" |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the police completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the police completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
    And the police completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the police completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the police completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    And the police completes "Record no removal during the reflection period"
      | field                      | value                                        |
      | no_removal_recorded        | true                                         |
      | no_removal_recorded_with   | "Migration department, Bishkek, 16/26"       |
      | no_removal_identity_agreed | true                                         |
      | no_removal_person_told     | true                                         |
      | no_removal_return_wish     | return_home                                  |
      | no_removal_return_help     | "IOM assisted return; she asked the NGO in writing" |
    Then the NGO has a task "Explain rights and the reflection period"
    And the police has no task "Explain rights and the reflection period"
    And the case data has referral_receiver = "ngo"

  @consent @repatriation @inbound
  Scenario: a citizen back from abroad who withdrew her consent but kept some help can withdraw that help too: "I want nothing more" is recorded, the help is no longer due and only her passport is still issued
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Dinara-34" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value           |
      | full_name                    | "Dinara S."     |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    And the social services completes "Receive at home"
      | field                   | value  |
      | return_receiving_agency | social |
    And the social services completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the social services completes "Inform and obtain consent"
      | field            | value |
      | consent_informed | true  |
      | consent_referral | false |
    And the social services completes "Send anonymous notification"
      | field                            | value                   |
      | anonymous_notification_recipient | social                  |
      | anonymous_refusal_reason         | distrust_of_authorities |
      | anonymous_help_information_given | true                    |
    Then the registration service has a task "Issue new passport"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_on         | "2026-01-06" |
      | consent_still_agrees_to_help | true         |
    Then the social services has a task "Agree the help that continues after consent was withdrawn"
    When the social services completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                      |
      | consent_help_continuing | "Counselling once a week"  |
    And the social services sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-08" |
      | consent_still_agrees_to_help | false        |
    Then the social services has no task "Provide the help that continues"
    And the registration service has a task "Issue new passport"
    When the registration service completes "Issue new passport"
      | field                  | value       |
      | passport_issued_before | false       |
      | passport_number        | "AC1112225" |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has no full_name

  @repatriation @inbound @message
  Scenario: a Kyrgyz citizen who goes missing abroad before her flight home and is not found closes as "contact lost", never as "not returned"
    Given a presumed victim reported by the consular service
      | field                | value        |
      | detection_channel    | consular     |
      | location             | abroad       |
      | exploitation_country | RU           |
      | pseudonym            | "Cholpon-18" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
    And the consular service completes "Consular interview"
      | field                        | value                |
      | return_contact_channel       | ngo                  |
      | return_country_of_stay       | RU                   |
      | return_interview_date        | "2026-01-05"         |
      | full_name                    | "Cholpon Asanova"    |
      | date_of_birth                | "1998-02-11"         |
      | return_citizenship_evidence  | ["kg_id_card"]       |
      | return_citizenship_confirmed | true                 |
    Then the consular service has a task "Informed consent to return"
    When the consular service sends the message "contact_lost" with:
      | field                      | value                                   |
      | contact_lost_date          | "2026-01-05"                            |
      | contact_lost_circumstances | "left the shelter in Moscow and did not come back" |
    And the consular service completes "Ask the authorities of the country of stay to search"
      | field                        | value                               |
      | return_search_requested_from | Police, Khamovniki district, Moscow |
    Then the consular service has a task "Search for the person abroad"
    When 31 days pass
    Then the case is closed with outcome "lost_contact"
  @consent @child @proceedings
  Scenario: a 17-year-old whose own withdrawal during identification ends her services, child protection agreeing, still has the crime against her registered
    Given a presumed victim reported by the NGO
      | field         | value           |
      | pseudonym     | "Saikal-18"     |
      | full_name     | "Saikal Bekova" |
      | age           | 17              |
      | age_certainty | documented      |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the case is open
    And the case data has full_name = "Saikal Bekova"

  @consent @child
  Scenario: a 17-year-old whose own withdrawal during identification ends her services still has her status decided, and child protection closes her services before the case closes
    Given a presumed victim reported by the NGO
      | field         | value           |
      | pseudonym     | "Saikal-19"     |
      | full_name     | "Saikal Bekova" |
      | age           | 17              |
      | age_certainty | documented      |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    # the services end, not her case: no referral, but her status is decided and child protection closes them
    Then the police has a task "Decide identification status"
    And the child-protection body has a task "Close the child's services; the child stays protected"
    And the prosecutor has a task "Record the crime in the unified register"
    And the child-protection body has no task "Compile the referral"
    And the NGO has no task "Compile the referral"
    When the child-protection body completes "Close the child's services; the child stays protected"
      | field                            | value                       |
      | child_services_closed_officer    | "A. Osmonova"               |
      | child_services_closed_place      | family                      |
      | child_services_closed_protection | ["child_protection_plan"]   |
      | child_services_closed_told       | true                        |
    Then the case is open
    When the police completes "Decide identification status"
      | field                         | value     |
      | identification_decision       | confirmed |
      | status_decision_person_told   | true      |
      | status_decision_guardian_told | true      |
    Then the social services has no task "Close the case"
    And the case data has case_outcome = "withdrawn"
    And the case data has full_name = "Saikal Bekova"
    And the prosecutor has a task "Record the crime in the unified register"
    When the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-91" |
    Then the case is open

  @consent @child @proceedings
  Scenario: a 17-year-old found in a police raid whose services ended as she wished is asked by child protection, not by the raid's officers, whether she will testify
    # Review 6, R6-4: with no receiver serving a child, child protection serves her, never the
    # police, the border service or the prosecutor.
    Given a presumed victim reported by the police
      | field         | value           |
      | pseudonym     | "Saikal-20"     |
      | age           | 17              |
      | age_certainty | documented      |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-92" |
    Then the child-protection body has a task "Explain the proceedings and ask whether the person takes part"
    And the police has no task "Explain the proceedings and ask whether the person takes part"

  @consent @proceedings
  Scenario: a woman picked up carrying drugs who withdraws during screening and wants nothing more still has the offences she was compelled to commit brought to the prosecutor, and her identity kept for the decision
    Given a presumed victim reported by the police
      | field     | value              |
      | pseudonym | "Aigul-45"         |
      | full_name | "Aigul Sydykova"   |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the police completes "Inform and obtain consent"
      | field                 | value |
      | consent_informed      | true  |
      | consent_referral      | true  |
      | consent_police_report | false |
    Then the police has a task "Indicator screening"
    When the police sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_still_agrees_to_help | false      |
    # no reasonable grounds were recorded: the notification's form asks the offences
    And the police tries to complete "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
      | non_punishment_applies           | true  |
    Then the answers are refused for non_punishment_offences
    When the police completes "Send anonymous notification"
      | field                            | value            |
      | anonymous_help_information_given | true             |
      | non_punishment_applies           | true             |
      | non_punishment_offences          | ["drug_related"] |
      | non_punishment_refer_agreed      | true             |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the prosecutor has no task "Record the crime in the unified register"
    And the case data has case_outcome = "anonymous_notification"
    And the case data has full_name = "Aigul Sydykova"

  @consent @proceedings
  Scenario: a woman who withdraws before reasonable grounds but still wants a doctor has the offences she was compelled to commit recorded with the help and brought to the prosecutor
    Given a presumed victim reported by the NGO
      | field     | value            |
      | pseudonym | "Nazgul-46"      |
      | full_name | "Nazgul Kadyrova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | true       |
    And the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                    |
      | consent_help_continuing | "A doctor, nothing else" |
    And the NGO tries to complete "Provide the help that continues"
      | field                   | value        |
      | withdrawn_help_provided | ["medical"]  |
      | withdrawn_help_date     | "2026-01-07" |
      | non_punishment_applies  | true         |
    Then the answers are refused for non_punishment_offences
    When the NGO completes "Provide the help that continues"
      | field                       | value                      |
      | withdrawn_help_provided     | ["medical"]                |
      | withdrawn_help_date         | "2026-01-07"               |
      | non_punishment_applies      | true                       |
      | non_punishment_offences     | ["irregular_stay_or_work"] |
      | non_punishment_refer_agreed | true                       |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the case data has case_outcome = "withdrawn"
    And the case data has full_name = "Nazgul Kadyrova"

  @consent @referral
  Scenario: a woman who refused the social services as her receiver, the NGO accepting her instead, has her move-on after a negative decision planned by the NGO, never by the social services she refused
    Given a presumed victim reported by the NGO
      | field     | value          |
      | pseudonym | "Kanyshai-47"  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    # the recruiter's cousin works at the district social service: she says no to it
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    Then the case data has referral_refused_receivers = ["social"]
    When the commission completes "Name another receiver"
      | field             | value |
      | referral_receiver | ngo   |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    And the police completes "Decide identification status"
      | field                   | value         |
      | identification_decision | not_confirmed |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_notice_given     | true  |
      | status_review_requested | false |
    And the NGO completes "Refer to general services"
      | field                     | value         |
      | general_services_referred | ["legal_aid"] |
    Then the NGO has a task "Plan the move-on from assistance"
    And the social services has no task "Plan the move-on from assistance"
    And the social services is shown no personal data of this case

  @consent @proceedings
  Scenario: an adult who says no to the referral but accepts some help and agrees to a police report has the crime registered and is still followed up by the first responder that helped her
    Given a presumed victim reported by the NGO
      | field     | value           |
      | pseudonym | "Dinara-48"     |
      | full_name | "Dinara Isaeva" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value                   |
      | consent_informed           | true                    |
      | consent_referral           | false                   |
      | consent_police_report      | true                    |
      | consent_refusal_wants_help | true                    |
      | consent_help_continuing    | "A psychologist, no shelter" |
    And the NGO completes "Provide the help the person accepts"
      | field                          | value             |
      | refusal_help_provided          | ["psychological"] |
      | refusal_help_information_given | true              |
    Then the prosecutor has a task "Record the crime in the unified register"
    When 90 days pass
    # the proceedings still run, and the follow-up of the help she accepted comes all the same
    Then the NGO has a task "Follow-up contact"
    And the prosecutor has a task "Record the crime in the unified register"
    When the NGO completes "Follow-up contact"
      | field               | value  |
      | follow_up_reached   | true   |
      | follow_up_situation | stable |
      | follow_up_another   | false  |
    Then the case is open
    And the case data has full_name = "Dinara Isaeva"

  @consent @repatriation @safety
  Scenario: abroad, a woman who is injured and says she wants nothing from the programme while the consul arranges her emergency care still gets that care; only then does the case close
    Given a presumed victim reported by the consular service
      | field                | value       |
      | detection_channel    | consular    |
      | location             | abroad      |
      | exploitation_country | KZ          |
      | pseudonym            | "Zhyldyz-49" |
    When the consular service completes "Arrange immediate safety and shelter abroad"
      | field             | value    |
      | immediate_danger  | false    |
      | medical_emergency | true     |
      | abroad_safe_place | declined |
    Then the consular service has a task "Provide emergency assistance abroad"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value        |
      | consent_withdrawn_scope      | ["help"]     |
      | consent_withdrawn_on         | "2026-01-05" |
      | consent_still_agrees_to_help | false        |
    # the withdrawal ends "the programme", not the emergency care she needs
    Then the consular service has no task "Provide emergency assistance abroad"
    And the consular service has a task "Provide the safety and emergency care still due abroad"
    And the case is open
    When the consular service completes "Provide the safety and emergency care still due abroad"
      | field                       | value                         |
      | medical_emergency           | true                          |
      | abroad_safe_place           | declined                      |
      | abroad_emergency_assistance | ["medical_care"]              |
      | abroad_emergency_provider   | "City polyclinic No. 1, Almaty" |
    Then the case is closed
    And the case data has abroad_emergency_assistance = ["medical_care"]

  @consent @child @repatriation
  Scenario: a foreign 16-year-old whose own withdrawal during identification ends her services keeps her no removal during the reflection period
    Given a presumed victim reported by the NGO
      | field         | value       |
      | pseudonym     | "Malika-16" |
      | citizenship   | UZ          |
      | age           | 16          |
      | age_certainty | documented  |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    And the child-protection body completes "Close the child's services; the child stays protected"
      | field                         | value         |
      | child_services_closed_officer | "A. Osmonova" |
      | child_services_closed_place   | shelter       |
      | child_services_closed_told    | true          |
    Then the NGO has a task "Record no removal during the reflection period"
    And the social services has no open tasks
