Feature: Identification of a presumed victim (SOP 1)
  A first responder reports a presumed victim. Safety comes first; a person under 18
  or whose age is in doubt is treated as a child; an adult is informed and decides
  on referral and, separately, on a police report. The indicators of act, means and
  purpose are screened against the criteria for identification. When they give reasonable
  grounds, the first responder records them and tells the person: help starts at once, and
  the formal status decision (identification_decision.feature) runs beside it.

  Scenario: an adult who agrees to referral and to a police report is a presumed victim on reasonable grounds, without waiting for the formal decision
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Aigerim-07" |
      | age                | 24           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
      | immediate_danger   | false        |
      | medical_emergency  | false        |
    When the NGO completes "Check safety and risks"
      | field                   | value  |
      | immediate_danger        | false  |
      | medical_emergency       | false  |
      | risk_trafficker_contact | true   |
      | risk_retrafficking      | medium |
    Then the child-protection body has no task "Register child notification and appoint a guardian"
    And the NGO has a task "Inform and obtain consent"
    When the NGO completes "Inform and obtain consent"
      | field                    | value         |
      | consent_informed         | true          |
      | consent_interpreter_used | false         |
      | consent_referral         | true          |
      | consent_date             | "2026-01-05"  |
      | consent_method           | written       |
      | consent_police_report    | true          |
    And the NGO completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    Then the case data has screening_result = "presumed_victim"
    And the case data has screening_criteria_version = "kg-criteria-2019.1"
    And the NGO has a task "Record reasonable grounds and tell the person"
    # "not told" is not an answer on its own: why not, and how and when she will be told
    When the NGO tries to complete "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | false        |
    Then the answers are refused for reasonable_grounds_not_told_reason, reasonable_grounds_tell_plan
    When the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value                                               |
      | reasonable_grounds_date     | "2026-01-05"                                        |
      | reasonable_grounds_informed | true                                                |
      | reasonable_grounds_rights   | ["assistance", "reflection_period", "no_condition"] |
    Then the case data has identification_outcome = "presumed_victim"
    And the case data has reasonable_grounds_date = "2026-01-05"
    And the police has no open tasks
    And the NGO has no open tasks
    And the police has no open tasks

  @consent
  Scenario: an adult who says no to the referral is dropped only once informed; only an anonymous notification is sent
    Given a "identification" case reported by the NGO
      | field              | value           |
      | pseudonym          | "Nurlan-03"     |
      | full_name          | "Nurlan Asanov" |
      | age                | 31              |
      | age_certainty      | estimated       |
      | interpreter_needed | false           |
      | immediate_danger   | false           |
      | medical_emergency  | false           |
    When the NGO completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    # a refusal is an answer, but only an informed one
    When the NGO tries to complete "Inform and obtain consent"
      | field                    | value             |
      | consent_informed         | false             |
      | consent_interpreter_used | false             |
      | consent_referral         | false             |
      | consent_date             | "2026-01-05"      |
      | consent_method           | oral_recorded     |
      | consent_police_report    | false             |
    Then the answers are refused for consent_informed
    # refusing the referral is not refusing help: she is asked what help she accepts
    When the NGO tries to complete "Inform and obtain consent"
      | field                    | value             |
      | consent_informed         | true              |
      | consent_interpreter_used | false             |
      | consent_referral         | false             |
      | consent_date             | "2026-01-05"      |
      | consent_method           | oral_recorded     |
      | consent_police_report    | false             |
      | consent_refusal_wants_help | null            |
    Then the answers are refused for consent_refusal_wants_help
    When the NGO completes "Inform and obtain consent"
      | field                      | value             |
      | consent_informed           | true              |
      | consent_interpreter_used   | false             |
      | consent_referral           | false             |
      | consent_date               | "2026-01-05"      |
      | consent_method             | oral_recorded     |
      | consent_police_report      | false             |
      | consent_refusal_wants_help | false             |
    Then the NGO has a task "Send anonymous notification"
    And the NGO has no task "Provide the help the person accepts"
    And the NGO has no task "Indicator screening"
    # she leaves with the contacts of hotlines and services, always
    When the NGO tries to complete "Send anonymous notification"
      | field                            | value               |
      | anonymous_notification_date      | "2026-01-05"        |
      | anonymous_notification_recipient | social              |
      | anonymous_refusal_reason         | fear_of_traffickers |
      | anonymous_help_information_given | false               |
    Then the answers are refused for anonymous_help_information_given
    When the NGO completes "Send anonymous notification"
      | field                            | value               |
      | anonymous_notification_date      | "2026-01-05"        |
      | anonymous_notification_recipient | social              |
      | anonymous_refusal_reason         | fear_of_traffickers |
      | anonymous_help_information_given | true                |
    Then the case data has identification_outcome = "anonymous_notification"
    And the case data has full_name = null
    And the NGO has no open tasks

  @consent
  Scenario: an adult who says no to the referral but accepts some help gets it from the first responder before the identification ends, and keeps her identity
    Given a "identification" case reported by the NGO
      | field              | value            |
      | pseudonym          | "Saltanat-04"    |
      | full_name          | "Saltanat Ormon" |
      | age                | 29               |
      | age_certainty      | documented       |
      | language           | "uz"             |
      | interpreter_needed | true             |
      | immediate_danger   | false            |
      | medical_emergency  | false            |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Arrange an interpreter"
      | field                | value |
      | interpreter_language | "uz"  |
    # an interpreter was needed: without one, the refusal says why and how she understood
    When the NGO tries to complete "Inform and obtain consent"
      | field                      | value                                    |
      | consent_informed           | true                                     |
      | consent_interpreter_used   | false                                    |
      | consent_referral           | false                                    |
      | consent_police_report      | false                                    |
      | consent_refusal_wants_help | true                                     |
      | consent_help_continuing    | "A doctor this week and legal advice"    |
    Then the answers are refused for consent_no_interpreter_reason
    When the NGO completes "Inform and obtain consent"
      | field                      | value                                    |
      | consent_informed           | true                                     |
      | consent_interpreter_used   | true                                     |
      | consent_referral           | false                                    |
      | consent_police_report      | false                                    |
      | consent_refusal_wants_help | true                                     |
      | consent_help_continuing    | "A doctor this week and legal advice"    |
    Then the NGO has a task "Provide the help the person accepts"
    And the task "Provide the help the person accepts" is due in 30 days
    And the NGO has no task "Send anonymous notification"
    And the NGO has no task "Indicator screening"
    When the NGO completes "Provide the help the person accepts"
      | field                          | value                                      |
      | refusal_help_provided          | ["medical", "legal_aid"]                   |
      | refusal_help_details           | "Polyclinic No. 3 on Tuesday; legal clinic" |
      | refusal_help_information_given | true                                       |
    Then the case data has identification_outcome = "withdrawn_with_help"
    And the case data has full_name = "Saltanat Ormon"
    And the case data has refusal_help_provided = ["medical", "legal_aid"]
    And the NGO has no open tasks

  @consent
  Scenario: in the whole case, an adult who says no to the referral but accepts help is helped, and the case closes as withdrawn without purging her identity
    Given a presumed victim reported by the NGO
      | field     | value          |
      | full_name | "Aida Tokonova" |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value                          |
      | consent_informed           | true                           |
      | consent_referral           | false                          |
      | consent_police_report      | false                          |
      | consent_refusal_wants_help | true                           |
      | consent_help_continuing    | "Psychologist, twice a month"  |
    Then the NGO has a task "Provide the help the person accepts"
    And the case is open
    When the NGO completes "Provide the help the person accepts"
      | field                          | value               |
      | refusal_help_provided          | ["psychological"]   |
      | refusal_help_information_given | true                |
    Then the case data has case_outcome = "withdrawn"
    And the case data has full_name = "Aida Tokonova"
    And the police has no open tasks
    When 90 days pass
    And the NGO completes "Follow-up contact"
      | field             | value |
      | follow_up_another | false |
    Then the case is closed with outcome "withdrawn"

  @consent @proceedings
  Scenario: in the whole case, an adult who says no to the referral but accepts help and agreed to a police report has the offences she was compelled to commit cleared
    Given a presumed victim reported by the NGO
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value                       |
      | consent_informed           | true                        |
      | consent_referral           | false                       |
      | consent_police_report      | true                        |
      | consent_refusal_wants_help | true                        |
      | consent_help_continuing    | "A lawyer for her court case" |
    # offences recorded without naming them are not a record the prosecutor can decide on
    When the NGO tries to complete "Provide the help the person accepts"
      | field                          | value         |
      | refusal_help_provided          | ["legal_aid"] |
      | refusal_help_information_given | true          |
      | non_punishment_applies         | true          |
    Then the answers are refused for non_punishment_offences
    When the NGO completes "Provide the help the person accepts"
      | field                          | value                |
      | refusal_help_provided          | ["legal_aid"]        |
      | refusal_help_information_given | true                 |
      | non_punishment_applies         | true                 |
      | non_punishment_offences        | ["document_offence"] |
    And the prosecutor completes "Record the crime in the unified register"
      | field                 | value        |
      | crime_register_number | "02-2026-91" |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the police has no open tasks

  @consent
  Scenario: in the whole case, a woman caught carrying drugs for her traffickers who refuses the referral, all help and a police report at first contact still has those offences brought to the prosecutor
    Given a presumed victim reported by the police
      | field     | value                 |
      | full_name | "Aigerim Toktogulova" |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the police completes "Inform and obtain consent"
      | field                      | value |
      | consent_informed           | true  |
      | consent_referral           | false |
      | consent_police_report      | false |
      | consent_refusal_wants_help | false |
    # no screening and no reasonable grounds on this branch: the notification's form asks the offences
    When the police tries to complete "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
      | non_punishment_applies           | true  |
    Then the answers are refused for non_punishment_offences
    When the police completes "Send anonymous notification"
      | field                            | value             |
      | anonymous_help_information_given | true              |
      | non_punishment_applies           | true              |
      | non_punishment_offences          | ["drug_related"]  |
      | non_punishment_proceedings_pending | true            |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the prosecutor has no task "Record the crime in the unified register"
    # her identity stays for the decision to reach the case against her
    And the case data has full_name = "Aigerim Toktogulova"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value                |
      | non_punishment_decision    | proceedings_dropped  |
      | non_punishment_person_told | true                 |
    Then the case data has proceedings_outcome = "non_punishment_only"

  @consent
  Scenario: an adult who refuses the referral and all help but records offences keeps her identity when the identification ends
    Given a "identification" case reported by the NGO
      | field              | value           |
      | pseudonym          | "Zarina-44"     |
      | full_name          | "Zarina Alieva" |
      | age                | 27              |
      | age_certainty      | estimated       |
      | interpreter_needed | false           |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                      | value |
      | consent_informed           | true  |
      | consent_referral           | false |
      | consent_police_report      | false |
      | consent_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value                       |
      | anonymous_help_information_given | true                        |
      | non_punishment_applies           | true                        |
      | non_punishment_offences          | ["illegal_border_crossing"] |
    Then the case data has identification_outcome = "anonymous_notification"
    And the case data has full_name = "Zarina Alieva"

  @consent
  Scenario: a woman prosecuted for a false passport who refused a police report agrees that the offences go to the prosecutor with the reference of the case against her and her identity, so the decision reaches that case
    Given a presumed victim reported by the NGO
      | field         | value           |
      | full_name     | "Nazgul Osmonova" |
      | date_of_birth | "1998-03-02"    |
      | age           | 27              |
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
    # she is asked, and told, where the offences go; the reference is needed when she agrees
    When the NGO tries to complete "Record reasonable grounds and tell the person"
      | field                              | value                |
      | reasonable_grounds_informed        | true                 |
      | non_punishment_applies             | true                 |
      | non_punishment_offences            | ["document_offence"] |
      | non_punishment_proceedings_pending | true                 |
      | non_punishment_refer_agreed        | true                 |
    Then the answers are refused for non_punishment_case_reference
    When the NGO completes "Record reasonable grounds and tell the person"
      | field                              | value                |
      | reasonable_grounds_informed        | true                 |
      | non_punishment_applies             | true                 |
      | non_punishment_offences            | ["document_offence"] |
      | non_punishment_proceedings_pending | true                 |
      | non_punishment_refer_agreed        | true                 |
      | non_punishment_case_reference      | "Osh city court 1-245/2025" |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the case data has non_punishment_person_name = "Nazgul Osmonova"
    And the case data has non_punishment_person_birth_date = "1998-03-02"
    And the prosecutor is shown personal data of this case

  @consent
  Scenario: a woman who does not agree that her identity goes to the prosecutor has the offences decided on her pseudonym, and her lawyer gets the record
    Given a presumed victim reported by the NGO
      | field     | value             |
      | full_name | "Nazgul Osmonova" |
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
    When the NGO tries to complete "Record reasonable grounds and tell the person"
      | field                              | value                |
      | reasonable_grounds_informed        | true                 |
      | non_punishment_applies             | true                 |
      | non_punishment_offences            | ["document_offence"] |
      | non_punishment_refer_agreed        | null                 |
    Then the answers are refused for non_punishment_refer_agreed
    When the NGO tries to complete "Record reasonable grounds and tell the person"
      | field                              | value                |
      | reasonable_grounds_informed        | true                 |
      | non_punishment_applies             | true                 |
      | non_punishment_offences            | ["document_offence"] |
      | non_punishment_refer_agreed        | false                |
    Then the answers are refused for non_punishment_lawyer
    When the NGO completes "Record reasonable grounds and tell the person"
      | field                              | value                                   |
      | reasonable_grounds_informed        | true                                    |
      | non_punishment_applies             | true                                    |
      | non_punishment_offences            | ["document_offence"]                    |
      | non_punishment_refer_agreed        | false                                   |
      | non_punishment_case_reference      | "Osh city court 1-245/2025"             |
      | non_punishment_lawyer              | "Legal clinic Adilet, +996 312 000 000" |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the case data has no non_punishment_person_name
    And the case data has non_punishment_case_reference = null

  @consent
  Scenario: an adult agrees to referral but not to a police report: reasonable grounds without the police
    Given a "identification" case reported by the labour inspection
      | field              | value       |
      | pseudonym          | "Bakyt-11"  |
      | age                | 42          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
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
      | screening_act     | true         |
      | screening_means   | true         |
      | screening_purpose | true         |
    Then the labour inspection has a task "Record reasonable grounds and tell the person"
    When the labour inspection completes "Record reasonable grounds and tell the person"
      | field                       | value                                               |
      | reasonable_grounds_date     | "2026-01-05"                                        |
      | reasonable_grounds_informed | true                                                |
      | reasonable_grounds_rights   | ["assistance", "reflection_period", "no_condition"] |
    Then the case data has identification_outcome = "presumed_victim"
    And the case data has consent_police_report = false
    And the police has no open tasks
    And the police is shown no personal data of this case

  @consent @proceedings
  Scenario: the agency serving her records, with the reasonable grounds, offences she was compelled to commit; no police report is needed and the police are asked nothing
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Nazgul-31"  |
      | age                | 27           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
      | immediate_danger   | false        |
      | medical_emergency  | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_informed      | true  |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    # offences recorded without naming them are not a record the prosecutor can decide on
    When the NGO tries to complete "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | true  |
    Then the answers are refused for non_punishment_offences
    When the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value                                       |
      | reasonable_grounds_informed | true                                        |
      | non_punishment_applies      | true                                        |
      | non_punishment_offences     | ["irregular_stay_or_work", "property_crime"] |
    Then the case data has identification_outcome = "presumed_victim"
    And the case data has non_punishment_applies = true
    And the case data has non_punishment_offences = ["irregular_stay_or_work", "property_crime"]
    And the police has no open tasks
    And the police is shown no personal data of this case

  @consent @proceedings
  Scenario: in the whole case, a woman compelled to steal who refuses every receiver and a police report still has her offences cleared by the prosecutor
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
      | field                       | value              |
      | reasonable_grounds_informed | true               |
      | non_punishment_applies      | true               |
      | non_punishment_offences     | ["property_crime"] |
    And the NGO completes "Compile the referral"
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | ngo          |
      | referral_consent_receivers | ["social"]   |
      | referral_consent_date      | "2026-01-05" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value      |
      | referral_consent_receivers | ["social"] |
    And the commission completes "Name another receiver"
      | field             | value |
      | referral_receiver | ngo   |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value      |
      | referral_consent_receivers | ["social"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    And the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the prosecutor has no task "Record the crime in the unified register"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the case data has proceedings_outcome = "non_punishment_only"
    And the police has no task "Record the crime in the unified register"

  Scenario: no indicator is found and the person is referred to general services
    Given a "identification" case reported by the health organisation
      | field              | value       |
      | pseudonym          | "Dinara-02" |
      | age                | 36          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the health organisation completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the health organisation completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | false        |
    And the health organisation completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | false        |
      | screening_means   | false        |
      | screening_purpose | false        |
    Then the case data has screening_result = "not_victim"
    And the health organisation has a task "Tell the person of the negative decision and offer a review"
    And the health organisation has no task "Refer to general services"
    When the health organisation completes "Tell the person of the negative decision and offer a review"
      | field                   | value        |
      | status_notice_date      | "2026-01-05" |
      | status_notice_given     | true         |
      | status_review_requested | false        |
    Then the health organisation has a task "Refer to general services"
    # "not told" is not an answer on its own: why not, and how and when she will be told
    When the health organisation tries to complete "Refer to general services"
      | field                        | value                                         |
      | general_services_declined    | false                                         |
      | general_services_date        | "2026-01-05"                                  |
      | general_services_person_told | false                                         |
      | general_services_help_again  | "Crisis centre hotline 1899, any time"        |
    Then the answers are refused for general_services_not_told_reason, general_services_tell_plan
    When the health organisation completes "Refer to general services"
      | field                        | value                                         |
      | general_services_referred    | ["social_assistance", "legal_aid"]            |
      | general_services_declined    | false                                         |
      | general_services_date        | "2026-01-05"                                  |
      | general_services_person_told | true                                          |
      | general_services_help_again  | "Crisis centre hotline 1899, any time"        |
    Then the case data has identification_outcome = "not_victim"
    And the case data has general_services_person_told = true
    And the police has no task "Decide identification status"
    And the health organisation has no open tasks

  Scenario: an unclear screening leads to a further interview, after which the person is a presumed victim
    Given a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Elmira-05" |
      | age                | 27          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
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
      | screening_means   | false        |
      | screening_purpose | true         |
    Then the case data has screening_result = "unclear"
    And the NGO has a task "Further interview"
    And the task "Further interview" is due in 10 days
    When the NGO completes "Further interview"
      | field                   | value                                            |
      | further_interview_date  | "2026-01-08"                                     |
      | further_interview_notes | "The employer kept her passport and threatened her" |
    Then the NGO has a task "Indicator screening"
    When the NGO completes "Indicator screening"
      | field                 | value                                          |
      | screening_date        | "2026-01-08"                                   |
      | screening_act         | true                                           |
      | screening_means       | true                                           |
      | screening_means_forms | ["threat", "document_retention"]              |
      | screening_purpose     | true                                           |
    Then the case data has screening_result = "presumed_victim"
    And the NGO has a task "Record reasonable grounds and tell the person"
    And the case is open

  @timer
  Scenario: the further interview is overdue and the identifying authority's supervisor is alerted
    Given a "identification" case reported by the border service
      | field              | value       |
      | pseudonym          | "Farida-09" |
      | age                | 22          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the border service completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the border service completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | false        |
    And the border service completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | true         |
      | screening_means   | false        |
      | screening_purpose | false        |
    Then the border service has a task "Further interview"
    When 9 days pass
    Then the police has no task "Review overdue further interview"
    When 1 days pass
    Then the police has a task "Review overdue further interview"
    And the border service has a task "Further interview"
    When the police completes "Review overdue further interview"
      | field                   | value                                  |
      | interview_review_date   | "2026-01-16"                           |
      | interview_review_reason | "The officer was on leave"             |
      | interview_review_action | reassign                               |
    Then the police has no task "Review overdue further interview"
    And the border service has a task "Further interview"
    And the case is open

  @child
  Scenario: a person whose age is in doubt is treated as a child
    Given a "identification" case reported by the police
      | field              | value      |
      | pseudonym          | "Gulnaz-01" |
      | age                | 19         |
      | age_certainty      | in_doubt   |
      | interpreter_needed | false      |
      | immediate_danger   | false      |
      | medical_emergency  | false      |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | true  |
      | risk_retrafficking      | high  |
    Then the case data has presumed_child = true
    And the child-protection body has a task "Register child notification and appoint a guardian"
    And the police has no task "Inform and obtain consent"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                    | value                                        |
      | child_notification_date  | "2026-01-05"                                 |
      | child_protection_officer | "Inspector, Osh city"                        |
      | child_unaccompanied      | true                                         |
      | child_guardian_name      | "Appointed guardian"                         |
      | child_guardian_relation  | appointed_guardian                           |
      | child_views              | "Wants to study and not to go back to the employer" |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-06" |
      | screening_act     | true         |
      | screening_means   | false        |
      | screening_purpose | true         |
    Then the case data has screening_result = "presumed_victim"
    And the police has a task "Record reasonable grounds and tell the person"
    When the police completes "Record reasonable grounds and tell the person"
      | field                       | value                                               |
      | reasonable_grounds_date     | "2026-01-06"                                        |
      | reasonable_grounds_informed | true                                                |
      | reasonable_grounds_rights   | ["assistance", "reflection_period", "no_condition"] |
    Then the case data has identification_outcome = "presumed_victim"

  @safety
  Scenario: a person in immediate danger gets emergency assistance while identification goes on
    Given a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Jyldyz-04" |
      | age                | 29          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | true        |
      | medical_emergency  | false       |
    When the NGO completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | true  |
      | medical_emergency       | true  |
      | risk_trafficker_contact | true  |
      | risk_retrafficking      | high  |
    Then the health organisation has a task "Provide emergency assistance"
    And the NGO has a task "Bring the person to safety now"
    And the task "Bring the person to safety now" is due in 2 hours
    And the NGO has a task "Inform and obtain consent"
    When the NGO completes "Bring the person to safety now"
      | field           | value                              |
      | danger_measures | ["safe_place", "police_protection"] |
      | danger_provider | "Crisis centre Sezim"              |
    And the NGO completes "Inform and obtain consent"
      | field                    | value        |
      | consent_informed         | true         |
      | consent_interpreter_used | false        |
      | consent_referral         | true         |
      | consent_date             | "2026-01-05" |
      | consent_method           | written      |
      | consent_police_report    | false        |
    And the NGO completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-05" |
      | screening_act     | false        |
      | screening_means   | false        |
      | screening_purpose | false        |
    And the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_review_requested | false |
    And the NGO completes "Refer to general services"
      | field                     | value            |
      | general_services_referred | ["health_care"]  |
      | general_services_declined | false            |
      | general_services_date     | "2026-01-05"     |
    Then the case is open
    And the health organisation has a task "Provide emergency assistance"
    When the health organisation completes "Provide emergency assistance"
      | field                     | value                              |
      | emergency_assistance      | ["medical_care", "safe_place"]     |
      | emergency_assistance_date | "2026-01-05"                       |
      | emergency_provider        | "City emergency hospital"          |
    Then the case data has identification_outcome = "not_victim"
    And the health organisation has no open tasks
    And the NGO has no open tasks

  Scenario: an interpreter is arranged before the person is informed
    Given a "identification" case reported by the consular service
      | field              | value       |
      | pseudonym          | "Kanat-08"  |
      | age                | 38          |
      | age_certainty      | documented  |
      | language           | "uz"        |
      | interpreter_needed | true        |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the consular service completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    Then the consular service has a task "Arrange an interpreter"
    And the consular service has no task "Inform and obtain consent"
    When the consular service completes "Arrange an interpreter"
      | field                              | value        |
      | interpreter_language               | "uz"         |
      | interpreter_mode                   | in_person    |
      | interpreter_confidentiality_signed | true         |
      | interpreter_arranged_date          | "2026-01-06" |
    Then the consular service has a task "Inform and obtain consent"

  @consent
  Scenario: an adult withdraws consent during identification and only an anonymous notification remains
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Aikanysh-2" |
      | age                | 30           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    Then the NGO has a task "Indicator screening"
    And the case waits for the message "consent_withdrawn"
    And the police cannot send the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | false      |
    Then the NGO has no task "Indicator screening"
    And the NGO has a task "Send anonymous notification"
    When the NGO completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the case is closed with outcome "anonymous_notification"
    And the case data has consent_withdrawn_on = "2026-01-06"

  @consent @child
  Scenario: consent withdrawn for a child during identification: the child stays protected and presumed a victim
    Given a "identification" case reported by the police
      | field              | value      |
      | pseudonym          | "Nurai-15" |
      | age                | 15         |
      | age_certainty      | documented |
      | interpreter_needed | false      |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the police sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    # the withdrawal cancelled the registration still open: it is done now, before anything else
    Then the child-protection body has a task "Register child notification and appoint a guardian"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    # the child withdrew herself: no guardian to replace; she is told of the reasonable grounds (review 4, M-9)
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the child-protection body has a task "Record reasonable grounds and tell the person"
    When the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
      | non_punishment_applies      | false        |
    Then the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                            | value             |
      | child_withdrawal_best_interests  | services_continue |
    Then the case is closed with outcome "presumed_victim"
    And the case data has reasonable_grounds_date = "2026-01-05"

  @consent @child
  Scenario: a withdrawal during identification does not cancel the child's guardian appointment or the check whether the parent is a suspect
    Given a "identification" case reported by the police
      | field              | value        |
      | pseudonym          | "Aruuke-13"  |
      | age                | 13           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                   | value      |
      | child_guardian_name     | "Father"   |
      | child_guardian_relation | parent     |
      | child_parent_suspected  | true       |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    # the suspected father tells the police he withdraws consent for his daughter
    When the police sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | other      |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    And the child-protection body has no task "Register child notification and appoint a guardian"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                 |
      | child_new_guardian_name     | "Aunt, not a suspect" |
      | child_new_guardian_relation | relative              |
      | child_suspect_kept_away     | true                  |
    Then the case data has child_guardian_name = "Aunt, not a suspect"
    And the case data has child_guardian_suspected_name = "Father"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                            | value             |
      | child_withdrawal_best_interests  | services_continue |
    Then the case is closed with outcome "presumed_victim"
    And the case data has child_guardian_relation = "relative"
    And the case data has child_guardian_suspected_name = "Father"

  @child
  Scenario: a parent is suspected of involvement: the child-protection body appoints another guardian before screening, who replaces the suspect in the child's record
    Given a "identification" case reported by the police
      | field              | value        |
      | pseudonym          | "Meerim-12"  |
      | age                | 14           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
      | immediate_danger   | false        |
      | medical_emergency  | false        |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | true  |
      | risk_retrafficking      | high  |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                   | value                                |
      | child_guardian_name     | "Father"                             |
      | child_guardian_relation | parent                               |
      | child_guardian_contact  | "+996 700 111 222"                   |
      | child_parent_suspected  | true                                 |
      | child_views             | "Does not want to go home to father" |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the police has no task "Indicator screening"
    When the child-protection body tries to complete "Appoint a guardian who is not a suspect"
      | field                   | value              |
      | child_new_guardian_name | "Aunt, not a suspect" |
      | child_suspect_kept_away | false              |
    Then the answers are refused for child_suspect_kept_away
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                 |
      | child_new_guardian_name     | "Aunt, not a suspect" |
      | child_new_guardian_relation | relative              |
      | child_new_guardian_contact  | "+996 555 333 444"    |
      | child_suspect_kept_away     | true                  |
      | child_suspicion_told_police | true                  |
    Then the police has a task "Indicator screening"
    And the case data has child_new_guardian_relation = "relative"
    # whoever reads the child's record later reaches the new guardian, never the suspect
    And the case data has child_guardian_name = "Aunt, not a suspect"
    And the case data has child_guardian_relation = "relative"
    And the case data has child_guardian_contact = "+996 555 333 444"
    # the suspect is not lost: whoever reads the record knows whom not to contact (review 4, N-8)
    And the case data has child_guardian_suspected_name = "Father"
    And the case data has child_guardian_suspected_relation = "parent"

  @child
  Scenario: a child screened not a victim is taken on by the child-protection body before identification closes
    Given a "identification" case reported by the police
      | field              | value       |
      | pseudonym          | "Bakyt-15"  |
      | age                | 15          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the police completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value                   |
      | child_parent_suspected | false                   |
      | child_views            | "Wants to go to school" |
    And the police completes "Indicator screening"
      | field             | value        |
      | screening_date    | "2026-01-06" |
      | screening_act     | false        |
      | screening_means   | false        |
      | screening_purpose | false        |
    Then the case data has screening_result = "not_victim"
    And the child-protection body has a task "Take on the child screened not a victim"
    And the task "Take on the child screened not a victim" is due in 24 hours
    And the police has no task "Refer to general services"
    When the child-protection body completes "Take on the child screened not a victim"
      | field                     | value                                     |
      | child_not_victim_officer  | "Inspector, Bishkek"                      |
      | child_not_victim_place    | relative                                  |
      | child_not_victim_services | ["child_protection_plan", "education"]    |
    # a negative screening is explained to the child and her guardian, and can be reviewed
    Then the child-protection body has a task "Tell the child and the guardian of the negative screening and offer a review"
    And the task "Tell the child and the guardian of the negative screening and offer a review" is due in 3 working days
    And the police has no task "Refer to general services"
    When the child-protection body tries to complete "Tell the child and the guardian of the negative screening and offer a review"
      | field                      | value        |
      | child_notice_date          | "2026-01-05" |
      | child_notice_child_told    | true         |
      | child_notice_guardian_told | false        |
      | status_review_requested    | false        |
    Then the answers are refused for child_notice_guardian_not_told_reason, child_notice_guardian_tell_plan
    When the child-protection body completes "Tell the child and the guardian of the negative screening and offer a review"
      | field                      | value        |
      | child_notice_date          | "2026-01-05" |
      | child_notice_child_told    | true         |
      | child_notice_guardian_told | true         |
      | status_review_requested    | false        |
    Then the prosecutor has no task "Review the negative decision"
    And the police has a task "Refer to general services"
    When the police completes "Refer to general services"
      | field                     | value        |
      | general_services_declined | false        |
    Then the case data has identification_outcome = "not_victim"
    And the case data has child_not_victim_place = "relative"
    And the case is closed

  @child @review
  Scenario: a child screened not a victim, whose guardian asks for a review, is found a presumed victim when the review overturns the screening
    Given a "identification" case reported by the police
      | field              | value       |
      | pseudonym          | "Nurbek-16" |
      | age                | 16          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the police completes "Indicator screening"
      | field             | value                                   |
      | screening_act     | false                                   |
      | screening_means   | false                                   |
      | screening_purpose | false                                   |
      | screening_notes   | "Works for an uncle's cousin at a market" |
    Then the case data has screening_result = "not_victim"
    When the child-protection body completes "Take on the child screened not a victim"
      | field                    | value                |
      | child_not_victim_officer | "Inspector, Naryn"   |
    And the child-protection body completes "Tell the child and the guardian of the negative screening and offer a review"
      | field                      | value |
      | child_notice_child_told    | true  |
      | child_notice_guardian_told | true  |
      | status_review_requested    | true  |
    Then the prosecutor has a task "Review the negative decision"
    And the police has a task "Provide interim assistance during the review"
    And the police has no task "Refer to general services"
    When the prosecutor completes "Review the negative decision"
      | field                 | value                                                     |
      | status_review_outcome | overturned                                                |
      | status_review_reasons | "A child's exploitation needs no means: act and purpose" |
    Then the case data has screening_result = "presumed_victim"
    And the police has a task "Record reasonable grounds and tell the person"
    When the police completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the case is closed with outcome "presumed_victim"

  Scenario: after repeated unclear screenings the commission, not the police, decides whether there are reasonable grounds
    Given the parameter screening_unclear_rounds is 1
    And a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Saltanat-4" |
      | age                | 29          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the NGO completes "Check safety and risks"
      | field                   | value |
      | immediate_danger        | false |
      | medical_emergency       | false |
      | risk_trafficker_contact | false |
      | risk_retrafficking      | low   |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_informed      | true  |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value        |
      | screening_act     | true         |
      | screening_means   | false        |
      | screening_purpose | false        |
    Then the NGO has a task "Further interview"
    When the NGO completes "Further interview"
      | field                   | value                               |
      | further_interview_notes | "She would not speak of the employer" |
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | false |
      | screening_purpose | false |
    Then the case data has screening_further_interviews = 1
    And the NGO has no task "Further interview"
    # whether there are reasonable grounds is not for the police to decide: the commission decides, in doubt for the person
    And the police has no task "Decide after repeated unclear screenings"
    And the commission has a task "Decide after repeated unclear screenings"
    And the commission is shown none of full_name, date_of_birth, document_number, address in this case
    When the commission completes "Decide after repeated unclear screenings"
      | field                            | value                                    |
      | screening_unclear_decision       | presumed_victim                          |
      | screening_unclear_decision_basis | "Act and control of movement; in doubt, reasonable grounds" |
    Then the case data has screening_result = "presumed_victim"
    And the NGO has a task "Record reasonable grounds and tell the person"

  @consent @safety
  Scenario: a withdrawal during identification does not drop emergency help, and the person is asked what help continues
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Tolgonai-3" |
      | age                | 33           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | true  |
    Then the health organisation has a task "Provide emergency assistance"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | true       |
    Then the health organisation has a task "Provide emergency assistance"
    And the NGO has no task "Inform and obtain consent"
    When the health organisation completes "Provide emergency assistance"
      | field                | value                       |
      | emergency_assistance | ["medical_care"]            |
      | emergency_provider   | "City hospital No. 4"       |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                                             |
      | consent_help_continuing | "Shelter at the crisis centre for two weeks, no data to others" |
    # the help agreed is provided by the agency serving her, not only noted
    Then the NGO has a task "Provide the help that continues"
    And the NGO has no task "Send anonymous notification"
    When the NGO completes "Provide the help that continues"
      | field                   | value                                         |
      | withdrawn_help_provided | ["shelter"]                                   |
      | withdrawn_help_details  | "Crisis centre shelter, two weeks, NGO Sezim" |
      | withdrawn_help_date     | "2026-01-06"                                  |
    Then the case is closed with outcome "withdrawn_with_help"

  @consent @safety
  Scenario: emergency help already given is not asked again after a withdrawal
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Baktygul-4" |
      | age                | 41           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | true  |
      | medical_emergency | false |
    Then the health organisation has no task "Provide emergency assistance"
    When the NGO completes "Bring the person to safety now"
      | field           | value           |
      | danger_measures | ["safe_place"]  |
      | danger_provider | "Crisis centre" |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    Then the health organisation has no task "Provide emergency assistance"
    And the NGO has no task "Bring the person to safety now"
    And the NGO has no task "Agree the help that continues after consent was withdrawn"
    And the NGO has a task "Send anonymous notification"

  @review
  Scenario: an adult screened not a victim is told why and asks for a review; another body finds reasonable grounds and help starts
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Nazgul-26"  |
      | age                | 26           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the NGO completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the NGO completes "Indicator screening"
      | field             | value                                       |
      | screening_act     | false                                       |
      | screening_means   | false                                       |
      | screening_purpose | false                                       |
      | screening_notes   | "Says she was paid, but her passport is kept" |
    Then the case data has screening_result = "not_victim"
    And the NGO has a task "Tell the person of the negative decision and offer a review"
    And the task "Tell the person of the negative decision and offer a review" is due in 3 working days
    And the NGO has no task "Refer to general services"
    When the NGO completes "Tell the person of the negative decision and offer a review"
      | field                   | value        |
      | status_notice_date      | "2026-01-06" |
      | status_notice_given     | true         |
      | status_review_requested | true         |
    Then the prosecutor has a task "Review the negative decision"
    And the task "Review the negative decision" is due in 10 working days
    And the NGO has no task "Refer to general services"
    And the prosecutor is shown no personal data of this case
    # no help while she waits for the review? she is helped meanwhile
    And the NGO has a task "Provide interim assistance during the review"
    And the task "Provide interim assistance during the review" is due in 24 hours
    When the NGO completes "Provide interim assistance during the review"
      | field                 | value                     |
      | interim_help_services | ["shelter"]               |
      | interim_help_since    | "2026-01-06"              |
    Then the prosecutor has a task "Review the negative decision"
    When the prosecutor completes "Review the negative decision"
      | field                 | value                                                        |
      | status_review_outcome | overturned                                                   |
      | status_review_reasons | "A kept passport is control of movement: act and purpose hold" |
    Then the case data has screening_result = "presumed_victim"
    And the NGO has a task "Record reasonable grounds and tell the person"
    When the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the case is closed with outcome "presumed_victim"

  @review
  Scenario: the review upholds a negative screening; the person is told and referred to general services, and knows how to ask for help again
    Given a "identification" case reported by the labour inspection
      | field              | value       |
      | pseudonym          | "Ulan-44"   |
      | age                | 44          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
    When the labour inspection completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the labour inspection completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | false |
    And the labour inspection completes "Indicator screening"
      | field             | value |
      | screening_act     | false |
      | screening_means   | false |
      | screening_purpose | false |
    And the labour inspection completes "Tell the person of the negative decision and offer a review"
      | field                   | value |
      | status_review_requested | true  |
    Then the labour inspection has a task "Provide interim assistance during the review"
    When the prosecutor completes "Review the negative decision"
      | field                 | value  |
      | status_review_outcome | upheld |
    Then the labour inspection has a task "Refer to general services"
    When the labour inspection completes "Refer to general services"
      | field                        | value                                   |
      | general_services_referred    | ["employment_service"]                  |
      | general_services_person_told | true                                    |
      | general_services_help_again  | "Labour inspection office, Naryn; hotline 1899" |
    Then the case is closed with outcome "not_victim"
    And the case data has general_services_help_again = "Labour inspection office, Naryn; hotline 1899"
    And the labour inspection has no task "Provide interim assistance during the review"

  @review
  Scenario: the commission decides "not a victim" after repeated unclear screenings; the person is told and may ask for a review
    Given the parameter screening_unclear_rounds is 1
    And a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Cholpon-3"  |
      | age                | 35           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
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
      | screening_means   | false |
      | screening_purpose | false |
    And the NGO completes "Further interview"
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | false |
      | screening_purpose | false |
    And the commission completes "Decide after repeated unclear screenings"
      | field                      | value      |
      | screening_unclear_decision | not_victim |
    Then the NGO has a task "Tell the person of the negative decision and offer a review"
    And the NGO has no task "Refer to general services"

  @interim
  Scenario: while the screening is unclear the person is helped at once, and only once however many interviews follow
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Asylbek-23" |
      | age                | 23           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
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
      | screening_means   | false |
      | screening_purpose | true  |
    Then the NGO has a task "Provide interim assistance during further screening"
    And the task "Provide interim assistance during further screening" is due in 24 hours
    And the NGO has a task "Further interview"
    When the NGO completes "Provide interim assistance during further screening"
      | field                 | value                        |
      | interim_help_by       | first_responder              |
      | interim_help_services | ["shelter", "food_clothing"] |
    And the NGO completes "Further interview"
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | false |
      | screening_purpose | true  |
    Then the NGO has a task "Further interview"
    And the NGO has no task "Provide interim assistance during further screening"
    When the NGO completes "Further interview"
    And the NGO completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the NGO completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the case is closed with outcome "presumed_victim"
    And the NGO has no open tasks

  @interim
  Scenario: interim assistance still open when reasonable grounds are found is closed with the identification; help goes on in the referral
    Given a "identification" case reported by the border service
      | field              | value        |
      | pseudonym          | "Venera-31"  |
      | age                | 31           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the border service completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the border service completes "Inform and obtain consent"
      | field                 | value |
      | consent_referral      | true  |
      | consent_police_report | true  |
    And the border service completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | false |
      | screening_purpose | false |
    Then the border service has a task "Provide interim assistance during further screening"
    When the border service completes "Further interview"
    And the border service completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_means   | true  |
      | screening_purpose | true  |
    And the border service completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
    Then the case is closed with outcome "presumed_victim"
    And the border service has no open tasks

  @child
  Scenario: the child-protection body is told of a child at once, beside the safety check, and screening waits for the guardian
    Given a "identification" case reported by the border service
      | field              | value        |
      | pseudonym          | "Aiperi-16"  |
      | age                | 16           |
      | age_certainty      | estimated    |
      | interpreter_needed | true         |
      | language           | "uz"         |
    Then the child-protection body has a task "Register child notification and appoint a guardian"
    And the task "Register child notification and appoint a guardian" is due in 24 hours
    And the border service has a task "Check safety and risks"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value                        |
      | child_guardian_name    | "Appointed guardian, Osh"    |
      | child_parent_suspected | false                        |
      | child_views            | "Wants to call her mother"   |
    Then the border service has a task "Check safety and risks"
    And the border service has no task "Indicator screening"
    When the border service completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the border service completes "Arrange an interpreter"
      | field                | value |
      | interpreter_language | "uz"  |
    Then the border service has a task "Indicator screening"
    And the border service has no task "Inform and obtain consent"

  @child
  Scenario: the safety check and the interpreter are done before the child-protection body acts; screening waits for it
    Given a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Emir-13"   |
      | age                | 13          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    Then the NGO has no task "Indicator screening"
    And the NGO has no task "Inform and obtain consent"
    And the child-protection body has a task "Register child notification and appoint a guardian"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    Then the NGO has a task "Indicator screening"

  @child
  Scenario: the danger the safety check finds stands when the child-protection body acts after it
    Given a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Emir-14"   |
      | age                | 14          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
      | immediate_danger   | false       |
      | medical_emergency  | false       |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | true  |
      | medical_emergency | false |
    Then the NGO has a task "Bring the person to safety now"
    And the case data has immediate_danger = true
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    Then the case data has immediate_danger = true
    And the NGO has a task "Indicator screening"

  @consent @child
  Scenario: a child tells the child-protection body she wants no more help; it records the withdrawal and keeps her protected
    Given a "identification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Jibek-14"  |
      | age                | 14          |
      | age_certainty      | documented  |
      | interpreter_needed | false       |
    Then the child-protection body has a task "Register child notification and appoint a guardian"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | child      |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has a task "Register child notification and appoint a guardian"
    And the NGO has no task "Check safety and risks"
    And the border service cannot send the message "consent_withdrawn"
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"

  @consent @child
  Scenario: a guardian who withdraws a child's consent during identification and is found to be a suspect is replaced before anything ends on his word, and the child's services go on
    Given a "identification" case reported by the police
      | field              | value      |
      | pseudonym          | "Aizada-15" |
      | age                | 15         |
      | age_certainty      | documented |
      | interpreter_needed | false      |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                   | value    |
      | child_guardian_name     | "Aunt"   |
      | child_guardian_relation | relative |
      | child_parent_suspected  | false    |
    # the aunt, her guardian, withdraws: she is the one who sent her to Dubai
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_by         | guardian   |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    # whether the guardian who withdrew is a suspect is asked, not skipped
    When the child-protection body tries to complete "Keep the child protected after consent was withdrawn"
      | field                                | value |
      | child_withdrawal_guardian_kept       | false |
      | child_withdrawal_withdrawer_suspected | null |
    Then the answers are refused for child_withdrawal_withdrawer_suspected
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | false |
      | child_withdrawal_withdrawer_suspected | true  |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value               |
      | child_new_guardian_name     | "Grandmother"       |
      | child_new_guardian_relation | relative            |
      | child_suspect_kept_away     | true                |
    Then the case data has child_guardian_name = "Grandmother"
    And the case data has child_guardian_suspected_name = "Aunt"
    And the child-protection body has a task "Record reasonable grounds and tell the person"
    When the child-protection body completes "Record reasonable grounds and tell the person"
      | field                       | value |
      | reasonable_grounds_informed | true  |
      | non_punishment_applies      | false |
    # a suspected guardian's withdrawal is never acted on
    When the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value             |
      | child_withdrawal_best_interests | services_continue |
    Then the case is closed with outcome "presumed_victim"

  @consent @child
  Scenario: a 17-year-old's own withdrawal during identification that child protection finds in her best interests ends the services; she stays protected and her identity is kept
    Given a "identification" case reported by the NGO
      | field              | value           |
      | pseudonym          | "Saikal-17"     |
      | full_name          | "Saikal Bekova" |
      | age                | 17              |
      | age_certainty      | documented      |
      | interpreter_needed | false           |
    When the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
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
    Then the case is closed with outcome "withdrawn_with_help"
    And the case data has full_name = "Saikal Bekova"

  @consent @child
  Scenario: a child whose reasonable grounds were recorded before her guardian withdrew is not asked them again
    Given a "identification" case reported by the police
      | field              | value      |
      | pseudonym          | "Dinara-16" |
      | age                | 16         |
      | age_certainty      | documented |
      | interpreter_needed | false      |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | true  |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                  | value |
      | child_parent_suspected | false |
    And the police completes "Indicator screening"
      | field             | value |
      | screening_act     | true  |
      | screening_purpose | true  |
    And the police completes "Record reasonable grounds and tell the person"
      | field                       | value        |
      | reasonable_grounds_date     | "2026-01-05" |
      | reasonable_grounds_informed | true         |
      | non_punishment_applies      | false        |
    # the identification waits for the emergency care; her mother withdraws meanwhile
    Then the health organisation has a task "Provide emergency assistance"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_withdrawn_by         | guardian   |
      | consent_still_agrees_to_help | false      |
    And the health organisation completes "Provide emergency assistance"
      | field                | value            |
      | emergency_assistance | ["medical_care"] |
      | emergency_provider   | "City hospital"  |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | true  |
      | child_withdrawal_withdrawer_suspected | false |
    Then the child-protection body has no task "Record reasonable grounds and tell the person"
    And the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"

  @consent @safety
  Scenario: a person in danger withdraws consent before she is safe; her safety and her medical care are both seen to, each by its own agency
    Given a "identification" case reported by the NGO
      | field              | value        |
      | pseudonym          | "Mairam-27"  |
      | age                | 27           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the NGO completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | true  |
      | medical_emergency | true  |
    Then the NGO has a task "Bring the person to safety now"
    And the health organisation has a task "Provide emergency assistance"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    Then the NGO has a task "Bring the person to safety now"
    And the health organisation has a task "Provide emergency assistance"
    And the NGO has no task "Inform and obtain consent"
    When the health organisation completes "Provide emergency assistance"
      | field                | value            |
      | emergency_assistance | ["medical_care"] |
      | emergency_provider   | "City hospital"  |
    Then the NGO has no task "Send anonymous notification"
    When the NGO completes "Bring the person to safety now"
      | field           | value            |
      | danger_measures | ["safe_place"]   |
      | danger_provider | "Crisis centre"  |
    Then the NGO has a task "Send anonymous notification"

  @consent @child
  Scenario: a withdrawal by the suspected father already replaced as guardian is not taken for the new guardian's: no second appointment, and the aunt stays the child's guardian
    Given a "identification" case reported by the police
      | field              | value        |
      | pseudonym          | "Meerim-13"  |
      | age                | 14           |
      | age_certainty      | documented   |
      | interpreter_needed | false        |
    When the police completes "Check safety and risks"
      | field             | value |
      | immediate_danger  | false |
      | medical_emergency | false |
    And the child-protection body completes "Register child notification and appoint a guardian"
      | field                   | value    |
      | child_guardian_name     | "Father" |
      | child_guardian_relation | parent   |
      | child_parent_suspected  | true     |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                 |
      | child_new_guardian_name     | "Aunt, not a suspect" |
      | child_new_guardian_relation | relative              |
      | child_suspect_kept_away     | true                  |
    # the father, suspected and no longer her guardian, tells child protection he withdraws her consent
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-06 |
      | consent_withdrawn_by         | guardian   |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | true  |
      | child_withdrawal_withdrawer_suspected | true  |
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the child-protection body has a task "Record reasonable grounds and tell the person"
    And the case data has child_guardian_name = "Aunt, not a suspect"
    And the case data has child_guardian_suspected_name = "Father"
