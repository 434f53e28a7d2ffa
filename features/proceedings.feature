@proceedings
Feature: Criminal proceedings (the victim's side)
  Beside help, and never a condition of it. The prosecutor records the crime in the unified
  register (number, date and region: the national statistics of registered crimes) and
  decides on non-punishment of offences the person was compelled to commit. The agency
  serving the person explains the proceedings; taking part as a witness is the person's free
  choice. A victim-witness gets protection measures, the free shelter extended for the whole
  investigation and trial, a compensation claim and support at every hearing; when the
  proceedings end, the move out of the extended shelter is planned.

  Scenario: a victim-witness gets protection measures and the shelter extends to the end of the trial
    Given a "proceedings" case reported by the police
      | field             | value    |
      | pseudonym         | Aizada-7 |
      | presumed_child    | false    |
      | consent_police_report | true |
      | referral_receiver | ngo      |
      | referral_decision | accepted |
    Then the prosecutor has a task "Record the crime in the unified register"
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0204-2026-0117 |
      | crime_registration_date   | 2026-01-06     |
      | crime_registration_region | osh_city       |
      | crime_code_article        | "171"          |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    # taking part is a choice only once explained; "not explained" needs why, and how and when
    When the NGO tries to complete "Explain the proceedings and ask whether the person takes part"
      | field                    | value           |
      | proceedings_explained    | false           |
      | proceedings_participates | false           |
      | proceedings_decided_by   | person          |
    Then the answers are refused for proceedings_not_explained_reason, proceedings_explain_plan
    When the NGO tries to complete "Explain the proceedings and ask whether the person takes part"
      | field                            | value                                   |
      | proceedings_explained            | false                                   |
      | proceedings_not_explained_reason | "No interpreter for Tajik today"        |
      | proceedings_explain_plan         | "With an interpreter on Monday, by the NGO" |
      | proceedings_participates         | true                                    |
      | proceedings_decided_by           | person                                  |
    Then the answers are refused for proceedings_explained
    When the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value           |
      | proceedings_explained    | true            |
      | proceedings_participates | true            |
      | proceedings_decided_by   | person          |
      | proceedings_lawyer       | Legal clinic Adilet |
    Then the police has a task "Decide protection measures for the victim-witness"
    And the NGO has a task "Extend the free shelter for the proceedings"
    And the NGO has a task "Prepare the compensation claim"
    When the police completes "Decide protection measures for the victim-witness"
      | field               | value                                         |
      | protection_risk     | high                                          |
      | protection_measures | ["identity_confidential", "video_testimony"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field                     | value          |
      | proceedings_shelter       | extended       |
      | proceedings_shelter_place | Shelter Sezim  |
      | proceedings_shelter_from  | 2026-01-15     |
    And the NGO completes "Prepare the compensation claim"
      | field                   | value       |
      | compensation_claimed    | true        |
      | compensation_kind       | civil_claim |
      | compensation_amount_kgs | 250000      |
      | compensation_filed_date | 2026-01-20  |
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field                    | value                  |
      | proceedings_next         | hearing                |
      | proceedings_hearing_date | 2026-03-02             |
      | proceedings_court        | Osh city court         |
    Then the NGO has a task "Prepare and accompany the person to the hearing"
    When the NGO completes "Prepare and accompany the person to the hearing"
      | field                    | value                         |
      | hearing_support          | ["lawyer", "psychologist"]    |
      | hearing_attended         | true                          |
      | hearing_measures_applied | true                          |
    Then the prosecutor has a task "Record the next step of the proceedings"
    And the NGO has no task "Plan the move from the shelter now the proceedings ended"
    When the prosecutor completes "Record the next step of the proceedings"
      | field               | value     |
      | proceedings_next    | verdict   |
      | proceedings_verdict | convicted |
    Then the NGO has a task "Plan the move from the shelter now the proceedings ended"
    And the case is open
    When the NGO completes "Plan the move from the shelter now the proceedings ended"
      | field                              | value                         |
      | proceedings_shelter_moving_to      | A rented room near her sister |
      | proceedings_shelter_safety_checked | true                          |
    Then the NGO has a task "Tell the person the outcome of the proceedings"
    And the task "Tell the person the outcome of the proceedings" is due in 3 working days
    When the NGO tries to complete "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | false |
    Then the answers are refused for proceedings_outcome_not_told_reason, proceedings_outcome_tell_plan
    When the NGO completes "Tell the person the outcome of the proceedings"
      | field                            | value                                  |
      | proceedings_outcome_person_told  | true                                   |
      | proceedings_outcome_compensation | Still to be decided in the civil claim |
    Then the case is closed with outcome "verdict"
    And the case data has protection_measures = ["identity_confidential", "video_testimony"]
    And the case data has compensation_claimed = true
    And the case data has crime_registration_region = "osh_city"

  @consent
  Scenario: the person does not take part in the proceedings; nothing else is asked of her, and the proceedings go on without her to their end
    Given a "proceedings" case reported by the police
      | field             | value   |
      | pseudonym         | Meerim  |
      | presumed_child    | false   |
      | consent_police_report | true |
      | referral_receiver | social  |
      | referral_decision | accepted |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0031 |
      | crime_registration_region | chui           |
    And the social services completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | false  |
      | proceedings_decided_by   | person |
      | proceedings_compensation_informed | true |
    Then the police has no task "Decide protection measures for the victim-witness"
    And the social services has no open tasks
    And the case data has proceedings_outcome = "not_participating"
    And the case data has proceedings_compensation_informed = true
    And the prosecutor has a task "Record the next step of the proceedings"
    # a hearing goes on without her: nobody prepares her for it
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the social services has no open tasks
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | verdict |
    When the social services completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "verdict"
    And the case data has proceedings_participates = false
    And the police has no task "Decide protection measures for the victim-witness"

  @message
  Scenario: a person who declined to take part changes her mind while the proceedings run: she is protected, her shelter extended and she is accompanied to the hearings
    Given a "proceedings" case reported by the police
      | field             | value     |
      | pseudonym         | Nurgul-12 |
      | presumed_child    | false     |
      | consent_police_report | true  |
      | referral_receiver | ngo       |
      | referral_decision | accepted  |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0077 |
      | crime_registration_region | chui           |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | false  |
      | proceedings_decided_by   | person |
    Then the prosecutor has a task "Record the next step of the proceedings"
    # taking part is recorded only once she was told again what it means
    When the NGO tries to send the message "proceedings_takes_part" with:
      | field                            | value      |
      | proceedings_takes_part_date      | 2026-01-05 |
      | proceedings_takes_part_explained | false      |
    Then the answers are refused for proceedings_takes_part_explained
    When the NGO sends the message "proceedings_takes_part" with:
      | field                            | value      |
      | proceedings_takes_part_date      | 2026-01-05 |
      | proceedings_takes_part_explained | true       |
    Then the police has a task "Decide protection measures for the victim-witness"
    And the NGO has a task "Extend the free shelter for the proceedings"
    And the NGO has a task "Prepare the compensation claim"
    And the prosecutor has a task "Record the next step of the proceedings"
    And the case data has proceedings_participates = true
    # the next hearing is prepared with her, even before her protection is decided
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the NGO has a task "Prepare and accompany the person to the hearing"
    When the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | true  |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | high                      |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field                    | value      |
      | proceedings_shelter      | extended   |
      | proceedings_shelter_from | 2026-01-05 |
    And the NGO completes "Prepare and accompany the person to the hearing"
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | verdict |
    # the shelter extended when she joined is planned out when the proceedings end
    Then the NGO has a task "Plan the move from the shelter now the proceedings ended"
    When the NGO completes "Plan the move from the shelter now the proceedings ended"
    When the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "verdict"
    And the case data has protection_measures = ["identity_confidential"]

  @message
  Scenario: a message that she takes part, for a person who already takes part, opens nothing a second time
    Given a "proceedings" case reported by the police
      | field             | value     |
      | pseudonym         | Cholpon-3 |
      | presumed_child    | false     |
      | consent_police_report | true  |
      | referral_receiver | ngo       |
      | referral_decision | accepted  |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0078 |
      | crime_registration_region | chui           |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO sends the message "proceedings_takes_part" with:
      | field                            | value      |
      | proceedings_takes_part_date      | 2026-01-05 |
      | proceedings_takes_part_explained | true       |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | low                       |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    Then the police has no task "Decide protection measures for the victim-witness"
    And the NGO has no open tasks
    And the prosecutor has a task "Record the next step of the proceedings"

  @consent
  Scenario: a consent to the police report withdrawn before the proceedings start stops the registration; only her offences are cleared
    Given a "proceedings" case reported by the police
      | field                           | value    |
      | pseudonym                       | Asel-9   |
      | presumed_child                  | false    |
      | consent_police_report           | true     |
      | consent_police_report_withdrawn | true     |
      | non_punishment_applies          | true     |
      | referral_receiver               | ngo      |
      | referral_decision               | accepted |
    Then the prosecutor has no task "Record the crime in the unified register"
    And the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the case is closed with outcome "non_punishment_only"
    And the NGO has no task "Explain the proceedings and ask whether the person takes part"
    And the police has no open tasks

  @consent
  Scenario: a consent to the police report withdrawn before the proceedings start, and no offences to clear: nothing is registered
    Given a "proceedings" case reported by the police
      | field                           | value    |
      | pseudonym                       | Asel-10  |
      | presumed_child                  | false    |
      | consent_police_report           | true     |
      | consent_police_report_withdrawn | true     |
      | referral_receiver               | ngo      |
      | referral_decision               | accepted |
    Then the case is closed with outcome "no_proceedings"
    And the prosecutor has no open tasks
    And the police has no open tasks

  @consent @message
  Scenario: in the whole case, a woman who takes back her consent to the police report during the referral has no crime registered when the proceedings' turn comes
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
    And the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_on            | 2026-01-06 |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    And the NGO completes "Compile the referral"
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
      | non_punishment_applies      | false |
    Then the NGO has a task "Intake and needs assessment"
    And the prosecutor has no task "Record the crime in the unified register"
    And the NGO has no task "Explain the proceedings and ask whether the person takes part"
    And the case data has consent_police_report_withdrawn = true

  @consent @message
  Scenario: a withdrawal of consent to help does not end the proceedings: the non-punishment decision and her part in them go on
    # A withdrawal of help reaches the proceedings too, and they go on: it never cancels them
    # (nrm_case's catcher, which would, is not reached while they run).
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot-4            |
      | presumed_child          | false              |
      | consent_police_report   | true               |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0301-2026-0011 |
      | crime_registration_region | jalal_abad     |
    Then the case waits for the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-07 |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_still_agrees_to_help | false      |
    Then the case is open
    And the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has no task "Agree the person's safety after consent was withdrawn"
    And the case waits for the message "consent_withdrawn"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    And the case data has no purge_personal_data

  Scenario: offences the person was compelled to commit are not prosecuted
    Given a "proceedings" case reported by the police
      | field                   | value                    |
      | pseudonym               | Bolot                    |
      | presumed_child          | false                    |
      | consent_police_report | true |
      | referral_receiver       | ngo                      |
      | referral_decision       | accepted                 |
      | non_punishment_applies  | true                     |
      | non_punishment_offences | ["document_fraud"]       |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0301-2026-0007 |
      | crime_registration_region | jalal_abad     |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has no task "Explain the proceedings and ask whether the person takes part"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    And the case data has non_punishment_decision = "not_prosecuted"

  @consent @message
  Scenario: a withdrawal from the proceedings does not cancel a pending non-punishment decision
    # Non-punishment never depends on taking part: a person compelled to commit offences who
    # says "I will not testify" before the prosecutor decided still has them decided on.
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot-2            |
      | presumed_child          | false              |
      | consent_police_report   | true               |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0301-2026-0011 |
      | crime_registration_region | osh_city       |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-09      |
      | consent_still_agrees_to_help | true            |
    Then the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has a task "Agree the person's safety after consent was withdrawn"
    And the NGO has no task "Explain the proceedings and ask whether the person takes part"
    When the NGO completes "Agree the person's safety after consent was withdrawn"
      | field                 | value |
      | withdrawal_protection | kept  |
      | withdrawal_shelter    | stays |
    Then the case is open
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    # she no longer takes part, but the crime on the register is prosecuted: the proceedings go
    # on without her, and she is told how they ended, as a person who declined
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has non_punishment_decision = "not_prosecuted"
    And the NGO has no task "Explain the proceedings and ask whether the person takes part"

  @consent @message
  Scenario: a non-punishment decision made after her withdrawal that the prosecutor could not tell her is told by the agency serving her
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot-3            |
      | presumed_child          | false              |
      | consent_police_report   | true               |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0301-2026-0012 |
      | crime_registration_region | osh_city       |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-09      |
      | consent_still_agrees_to_help | true            |
    And the NGO completes "Agree the person's safety after consent was withdrawn"
      | field                 | value |
      | withdrawal_protection | kept  |
      | withdrawal_shelter    | stays |
    And the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value                                     |
      | non_punishment_decision    | not_prosecuted                            |
      | non_punishment_person_told | false                                     |
      | non_punishment_reasons     | The prosecutor does not contact her       |
      | non_punishment_tell_plan   | The NGO tells her at the next appointment |
    Then the case is open
    And the NGO has a task "Tell the person about the non-punishment decision"
    When the NGO completes "Tell the person about the non-punishment decision"
      | field                   | value                     |
      | non_punishment_told_how | At the NGO, with a lawyer |
    # she no longer takes part, but the crime on the register is prosecuted: the proceedings go
    # on without her, and she is told how they ended, as a person who declined
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has non_punishment_told_later = true

  @consent @message
  Scenario: a non-punishment decision already made is not asked again after a withdrawal from the proceedings
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot-3            |
      | presumed_child          | false              |
      | consent_police_report   | true               |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0301-2026-0012 |
      | crime_registration_region | osh_city       |
    And the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-12      |
      | consent_still_agrees_to_help | true            |
    Then the prosecutor has no task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has a task "Agree the person's safety after consent was withdrawn"

  Scenario: the case is closed without a trial; a witness not in a shelter has no move to plan
    Given a "proceedings" case reported by the police
      | field             | value  |
      | pseudonym         | Nurlan |
      | presumed_child    | false  |
      | consent_police_report | true |
      | referral_receiver | ngo    |
      | referral_decision | accepted |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0401-2026-0002 |
      | crime_registration_region | naryn          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | low                       |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    When the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the NGO has no task "Plan the move from the shelter now the proceedings ended"
    And the case is closed with outcome "closed"

  @child
  Scenario: a child witness, with her guardian's agreement, is heard in a child-friendly interview
    Given a "proceedings" case reported by the police
      | field             | value            |
      | pseudonym         | Aruuke-13        |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
      | referral_decision | accepted         |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0501-2026-0011 |
      | crime_registration_region | talas          |
    And the child-protection body completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value                                      |
      | proceedings_explained    | true                                       |
      | proceedings_participates | true                                       |
      | proceedings_decided_by   | legal_representative                       |
      | proceedings_child_views  | will speak if she does not have to see him |
    And the child-protection body completes "Extend the free shelter for the proceedings"
      | field                     | value                 |
      | proceedings_shelter       | extended              |
      | proceedings_shelter_place | Children's centre Umut |
      | proceedings_shelter_from  | 2026-01-06            |
    And the child-protection body completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    Then the prosecutor has no task "Record the next step of the proceedings"
    When the police completes "Decide protection measures for the victim-witness"
      | field               | value                                                            |
      | protection_risk     | medium                                                           |
      | protection_measures | ["child_friendly_interview", "no_confrontation", "closed_hearing"] |
    Then the prosecutor has a task "Record the next step of the proceedings"
    And the case data has proceedings_shelter = "extended"

  @consent
  Scenario: an adult who refused a police report has her offences cleared by the prosecutor, and no crime is registered
    Given a "proceedings" case reported by the NGO
      | field                   | value                      |
      | pseudonym               | Aigul                      |
      | presumed_child          | false                      |
      | consent_police_report   | false                      |
      | referral_receiver       | ngo                        |
      | referral_decision       | accepted                   |
      | non_punishment_applies  | true                       |
      | non_punishment_offences | ["irregular_stay_or_work"] |
    Then the prosecutor has no task "Record the crime in the unified register"
    And the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the NGO has no task "Explain the proceedings and ask whether the person takes part"
    And the police has no open tasks
    And the case is closed with outcome "non_punishment_only"

  @message
  Scenario: the person is told of the non-punishment decision, or the reasons why not yet are recorded
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot              |
      | presumed_child          | false              |
      | consent_police_report   | false              |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor tries to complete "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | true           |
    Then the answers are refused for non_punishment_told_date
    When the prosecutor tries to complete "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value          |
      | non_punishment_decision    | not_prosecuted |
      | non_punishment_person_told | false          |
    Then the answers are refused for non_punishment_reasons
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                        | value                                  |
      | non_punishment_decision      | not_prosecuted                         |
      | non_punishment_decision_date | 2026-01-12                             |
      | non_punishment_person_told   | true                                   |
      | non_punishment_told_date     | 2026-01-13                             |
      | non_punishment_told_how      | In person at the NGO, with her lawyer  |
    Then the case is closed with outcome "non_punishment_only"
    And the case data has non_punishment_person_told = true
    And the case data has non_punishment_told_date = "2026-01-13"

  @message
  Scenario: the prosecutor could not tell her of the non-punishment decision: the agency serving her tells her and records when and how
    # The prosecutor does not get in touch with her; the NGO named in its plan must see the
    # decision and the plan, and be asked to tell her (pages review 3, P3-4).
    Given a "proceedings" case reported by the police
      | field                   | value              |
      | pseudonym               | Bolot-2            |
      | presumed_child          | false              |
      | consent_police_report   | false              |
      | referral_receiver       | ngo                |
      | referral_decision       | accepted           |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["document_fraud"] |
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                      | value                                     |
      | non_punishment_decision    | not_prosecuted                            |
      | non_punishment_person_told | false                                     |
      | non_punishment_reasons     | The prosecutor does not contact her       |
      | non_punishment_tell_plan   | The NGO tells her at the next appointment |
    Then the case is open
    And the prosecutor has no open tasks
    And the NGO has a task "Tell the person about the non-punishment decision"
    And the task "Tell the person about the non-punishment decision" is due in 3 working days
    When the NGO completes "Tell the person about the non-punishment decision"
      | field                   | value                                 |
      | non_punishment_told_how | In person at the NGO, with her lawyer |
    Then the case is closed with outcome "non_punishment_only"
    And the case data has non_punishment_told_later = true
    And the case data has non_punishment_person_told = false

  Scenario: the court's hearing date arrives as a message and the person is prepared for it
    Given a "proceedings" case reported by the police
      | field             | value  |
      | pseudonym             | Aida  |
      | presumed_child        | false |
      | consent_police_report | true  |
      | referral_receiver     | ngo   |
      | referral_decision     | accepted|
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0401-2026-0007 |
      | crime_registration_region | naryn          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | low                       |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    Then the prosecutor has a task "Record the next step of the proceedings"
    And the police cannot send the message "hearing_scheduled"
    When the NGO sends the message "hearing_scheduled" with:
      | field                    | value                 |
      | proceedings_hearing_date | 2026-02-10            |
      | proceedings_court        | Osh city court        |
    Then the NGO has a task "Prepare and accompany the person to the hearing"
    And the prosecutor has a task "Record the next step of the proceedings"
    And the case data has proceedings_hearing_date = "2026-02-10"
    When the NGO completes "Prepare and accompany the person to the hearing"
    Then the prosecutor has a task "Record the next step of the proceedings"
    And the case is open
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    When the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "closed"

  @message
  Scenario: a court summons that arrives while the witness tasks are still open is not lost
    Given a "proceedings" case reported by the police
      | field                 | value  |
      | pseudonym             | Nurzat |
      | presumed_child        | false  |
      | consent_police_report | true   |
      | referral_receiver     | ngo    |
      | referral_decision     | accepted|
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0402-2026-0011 |
      | crime_registration_region | chui           |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    Then the NGO has a task "Prepare the compensation claim"
    And the police has a task "Decide protection measures for the victim-witness"
    And the case waits for the message "hearing_scheduled"
    When the prosecutor sends the message "hearing_scheduled" with:
      | field                    | value           |
      | proceedings_hearing_date | 2026-01-28      |
      | proceedings_court        | Chui district court |
    Then the NGO has a task "Prepare and accompany the person to the hearing"
    And the NGO has a task "Prepare the compensation claim"
    And the police has a task "Decide protection measures for the victim-witness"
    And the case does not wait for the message "hearing_scheduled"
    When the NGO completes "Prepare and accompany the person to the hearing"
      | field                       | value                                  |
      | hearing_protection_reviewed | true                                   |
      | hearing_protection_changes  | Asked the court for testimony by video |
      | hearing_support             | ["lawyer", "psychologist"]             |
      | hearing_attended            | true                                   |
    Then the case data has hearing_protection_reviewed = true
    And the case waits for the message "hearing_scheduled"
    When the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | low                       |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | verdict |
    When the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "verdict"

  @consent @message
  Scenario: a withdrawn consent to the police report is acted on: the consequences are explained and whether she still takes part is recorded
    Given a "proceedings" case reported by the police
      | field                 | value  |
      | pseudonym             | Saltanat |
      | presumed_child        | false  |
      | consent_police_report | true   |
      | referral_receiver     | ngo    |
      | referral_decision     | accepted|
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0403-2026-0021 |
      | crime_registration_region | talas          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    Then the case waits for the message "consent_limited"
    And the prosecutor cannot send the message "consent_limited"
    When the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    Then the NGO has a task "Explain the consequences and record whether the person still takes part"
    And the task "Explain the consequences and record whether the person still takes part" is due in 48 hours
    And the police has a task "Decide protection measures for the victim-witness"
    And the NGO has a task "Prepare the compensation claim"
    And the case data has consent_limited = true
    And the police is shown no personal data of this case
    When the NGO completes "Explain the consequences and record whether the person still takes part"
      | field                                       | value      |
      | police_report_withdrawal_explained          | true       |
      | police_report_withdrawal_still_participates | true       |
      | police_report_withdrawal_police_excluded    | true       |
    Then the case data has police_report_withdrawal_still_participates = true
    And the police has a task "Decide protection measures for the victim-witness"
    And the case waits for the message "consent_limited"

  @consent @message
  Scenario: a witness who takes back her police report and no longer takes part is not prepared for hearings any more; her protection and shelter stay
    Given a "proceedings" case reported by the police
      | field                 | value    |
      | pseudonym             | Saltanat-2 |
      | presumed_child        | false    |
      | consent_police_report | true     |
      | referral_receiver     | ngo      |
      | referral_decision     | accepted |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0403-2026-0022 |
      | crime_registration_region | talas          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    And the NGO completes "Explain the consequences and record whether the person still takes part"
      | field                                       | value |
      | police_report_withdrawal_explained          | true  |
      | police_report_withdrawal_still_participates | false |
      | police_report_withdrawal_police_excluded    | true  |
    Then the case data has proceedings_participates = false
    # protection and the shelter for the trial are not taken away
    And the police has a task "Decide protection measures for the victim-witness"
    And the NGO has a task "Extend the free shelter for the proceedings"
    When the police completes "Decide protection measures for the victim-witness"
      | field           | value |
      | protection_risk | high  |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value    |
      | proceedings_shelter | extended |
    And the NGO completes "Prepare the compensation claim"
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the NGO has no task "Prepare and accompany the person to the hearing"
    And the prosecutor has a task "Record the next step of the proceedings"
    # a court summons that comes now needs no preparation with her either
    When the prosecutor sends the message "hearing_scheduled"
    Then the NGO has no task "Prepare and accompany the person to the hearing"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | verdict |
    Then the NGO has a task "Plan the move from the shelter now the proceedings ended"

  @consent @message
  Scenario: a consent limited to other agencies leaves the proceedings as they were
    Given a "proceedings" case reported by the police
      | field                 | value  |
      | pseudonym             | Jyldyz |
      | presumed_child        | false  |
      | consent_police_report | true   |
      | referral_receiver     | ngo    |
      | referral_decision     | accepted|
    When the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_on            | 2026-01-07 |
      | consent_withdrawn_from          | ["iom"]    |
      | consent_police_report_withdrawn | false      |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the NGO has no task "Explain the consequences and record whether the person still takes part"
    And the case data has consent_limited = true
    And the case waits for the message "consent_limited"

  @consent
  Scenario: no receiver accepted her referral and the police serve her: when they ask whether she will testify, they record that her help does not depend on it, that she was offered free legal aid and given an independent contact
    # Review 4, N-13: she consented to no one but the police, so the police ask. The independent
    # support her free choice relies on is recorded before her answer counts (whoever asks).
    Given a "proceedings" case reported by the police
      | field                 | value     |
      | pseudonym             | Aijan-23  |
      | presumed_child        | false     |
      | consent_police_report | true      |
      | referral_decision     | refused   |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0231 |
      | crime_registration_region | chui           |
    Then the police has a task "Explain the proceedings and ask whether the person takes part"
    When the police tries to complete "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | false  |
      | proceedings_decided_by   | person |
    Then the answers are refused for proceedings_help_not_conditional_told, proceedings_legal_aid_offered, proceedings_support_contact
    When the police tries to complete "Explain the proceedings and ask whether the person takes part"
      | field                                 | value  |
      | proceedings_explained                 | true   |
      | proceedings_participates              | false  |
      | proceedings_decided_by                | person |
      | proceedings_help_not_conditional_told | false  |
      | proceedings_legal_aid_offered         | true   |
      | proceedings_support_contact           | "Crisis centre Sezim, hotline 189" |
    Then the answers are refused for proceedings_help_not_conditional_told
    When the police completes "Explain the proceedings and ask whether the person takes part"
      | field                                 | value  |
      | proceedings_explained                 | true   |
      | proceedings_participates              | false  |
      | proceedings_decided_by                | person |
      | proceedings_help_not_conditional_told | true   |
      | proceedings_legal_aid_offered         | true   |
      | proceedings_support_contact           | "Crisis centre Sezim, hotline 189" |
    Then the case data has proceedings_outcome = "not_participating"
    And the case data has proceedings_support_contact = "Crisis centre Sezim, hotline 189"

  @consent @message
  Scenario: the first responder that serves her, when she refused every receiver, records her withdrawal from the proceedings
    # The NGO hotline that reported her explains the proceedings and prepares her hearings: it
    # must be able to record "I no longer want to testify" — the district social service she
    # refused never serves her and must not receive the message's fields (review 4, N-7).
    Given a "proceedings" case reported by the NGO
      | field                 | value    |
      | pseudonym             | Meerim-7 |
      | presumed_child        | false    |
      | consent_police_report | true     |
      | referral_decision     | refused  |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0207 |
      | crime_registration_region | chui           |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-20      |
      | consent_still_agrees_to_help | true            |
    Then the NGO has no task "Explain the proceedings and ask whether the person takes part"
    And the NGO has a task "Agree the person's safety after consent was withdrawn"
    When the NGO completes "Agree the person's safety after consent was withdrawn"
      | field                 | value |
      | withdrawal_protection | kept  |
    # she no longer takes part, but the crime on the register is prosecuted: the proceedings go
    # on without her, and she is told how they ended, as a person who declined
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the NGO completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data

  @consent @message
  Scenario: child protection records a limit of a child's consent while the crime is registered and while the proceedings run
    Given a "proceedings" case reported by the police
      | field                 | value      |
      | pseudonym             | Aizada-13  |
      | age                   | 13         |
      | presumed_child        | true       |
      | consent_police_report | true       |
      | referral_receiver     | ngo        |
      | referral_decision     | accepted   |
    When the child-protection body sends the message "consent_limited" with:
      | field                           | value   |
      | consent_withdrawn_from          | ["iom"] |
      | consent_police_report_withdrawn | false   |
    Then the prosecutor has a task "Record the crime in the unified register"
    And the case data has consent_withdrawn_from = ["iom"]
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0213 |
      | crime_registration_region | chui           |
    And the child-protection body sends the message "consent_limited" with:
      | field                           | value              |
      | consent_withdrawn_from          | ["iom", "consular"] |
      | consent_police_report_withdrawn | false              |
    Then the case data has consent_withdrawn_from = ["iom", "consular"]
    And the NGO has a task "Explain the proceedings and ask whether the person takes part"

  @consent @message
  Scenario: a victim-witness withdraws consent during the trial and keeps her protection and a planned move from the shelter; the trial goes on without her and, as she asked, nobody contacts her about it
    Given a "proceedings" case reported by the police
      | field                 | value     |
      | pseudonym             | Kanykei-3 |
      | presumed_child        | false     |
      | consent_police_report | true      |
      | referral_receiver     | ngo       |
      | referral_decision     | accepted  |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0204-2026-0140 |
      | crime_registration_region | osh_city       |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | high                      |
      | protection_measures | ["identity_confidential"] |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field                     | value         |
      | proceedings_shelter       | extended      |
      | proceedings_shelter_place | Shelter Sezim |
      | proceedings_shelter_from  | 2026-01-15    |
    And the NGO completes "Prepare the compensation claim"
      | field                | value |
      | compensation_claimed | false |
    Then the prosecutor has a task "Record the next step of the proceedings"
    And the case waits for the message "consent_withdrawn"
    And the prosecutor cannot send the message "consent_withdrawn"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope | ["proceedings"] |
      | consent_withdrawn_on         | 2026-02-10 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true       |
    Then the prosecutor has no task "Record the next step of the proceedings"
    And the NGO has a task "Agree the person's safety after consent was withdrawn"
    And the case data has consent_withdrawn_from = ["police"]
    When the NGO tries to complete "Agree the person's safety after consent was withdrawn"
      | field                 | value        |
      | withdrawal_protection | kept         |
      | withdrawal_shelter    | move_planned |
    Then the answers are refused for withdrawal_move_date
    When the NGO completes "Agree the person's safety after consent was withdrawn"
      | field                   | value                                      |
      | withdrawal_protection   | kept                                       |
      | withdrawal_shelter      | move_planned                               |
      | withdrawal_move_date    | 2026-03-01                                 |
      | withdrawal_safety_notes | Moves to her sister's; address kept secret |
      | withdrawal_outcome_tell | false                                      |
    # she no longer takes part; the crime on the register goes on to trial without her, and she
    # asked not to be contacted about it: a hearing needs no preparation, the verdict is not told
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the NGO has no open tasks
    When the prosecutor completes "Record the next step of the proceedings"
      | field               | value     |
      | proceedings_next    | verdict   |
      | proceedings_verdict | convicted |
    Then the NGO has no task "Tell the person the outcome of the proceedings"
    And the case is closed with outcome "consent_withdrawn"
    And the case data has withdrawal_protection = "kept"
    And the case data has no purge_personal_data

  @consent @message
  Scenario: an adult withdraws all consent, to help as well, before deciding on the proceedings and only an anonymous notification is kept
    Given a "proceedings" case reported by the police
      | field                 | value   |
      | pseudonym             | Asel-12 |
      | presumed_child        | false   |
      | consent_police_report | true    |
      | referral_receiver     | social  |
      | referral_decision     | accepted|
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0052 |
      | crime_registration_region | chui           |
    Then the social services has a task "Explain the proceedings and ask whether the person takes part"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value                   |
      | consent_withdrawn_scope      | ["help", "proceedings"] |
      | consent_withdrawn_on         | 2026-01-20              |
      | consent_still_agrees_to_help | false                   |
    Then the social services has no open tasks
    And the case is closed with outcome "consent_withdrawn"
    And the case data has purge_personal_data = true

  @consent @message
  Scenario: a withdrawal from the proceedings alone never purges the identity of a person still in rehabilitation
    # She says "I will not testify" and, asked about help, "nothing more from the proceedings":
    # her rehabilitation beside goes on, so her file is not anonymised; her safety is agreed.
    Given a "proceedings" case reported by the police
      | field                 | value   |
      | pseudonym             | Asel-13 |
      | presumed_child        | false   |
      | consent_police_report | true    |
      | referral_receiver     | social  |
      | referral_decision     | accepted|
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0053 |
      | crime_registration_region | chui           |
    And the social services sends the message "consent_withdrawn" with:
      | field                        | value           |
      | consent_withdrawn_scope      | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-20      |
      | consent_still_agrees_to_help | false           |
    Then the social services has no task "Explain the proceedings and ask whether the person takes part"
    And the social services has a task "Agree the person's safety after consent was withdrawn"
    And the case data has no purge_personal_data
    When the social services completes "Agree the person's safety after consent was withdrawn"
      | field                 | value |
      | withdrawal_protection | none  |
      | withdrawal_shelter    | stays |
    # she no longer takes part, but the crime on the register is prosecuted: the proceedings go
    # on without her, and she is told how they ended, as a person who declined
    Then the prosecutor has a task "Record the next step of the proceedings"
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    And the social services completes "Tell the person the outcome of the proceedings"
      | field                           | value |
      | proceedings_outcome_person_told | true  |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data
    And the case data has pseudonym = "Asel-13"

  @child @consent @message
  Scenario: a child's consent is withdrawn and the child's safety is still agreed, never only an anonymous notification
    Given a "proceedings" case reported by the police
      | field             | value            |
      | pseudonym         | Bermet-14        |
      | presumed_child    | true             |
      | referral_receiver | child_protection |
      | referral_decision | accepted         |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0501-2026-0019 |
      | crime_registration_region | talas          |
    And the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | child |
      | consent_withdrawn_scope | ["proceedings"] |
      | consent_withdrawn_on         | 2026-01-21 |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has no task "Explain the proceedings and ask whether the person takes part"
    And the child-protection body has a task "Agree the person's safety after consent was withdrawn"
    And the case data has no purge_personal_data

  @consent @message
  Scenario: a witness who stopped taking part when she took back her police report takes part again: her protection is reviewed and she is accompanied to the hearings again
    Given a "proceedings" case reported by the police
      | field                 | value      |
      | pseudonym             | Bermet-8   |
      | presumed_child        | false      |
      | consent_police_report | true       |
      | referral_receiver     | ngo        |
      | referral_decision     | accepted   |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0403-2026-0031 |
      | crime_registration_region | talas          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    And the NGO completes "Explain the consequences and record whether the person still takes part"
      | field                                       | value |
      | police_report_withdrawal_explained          | true  |
      | police_report_withdrawal_still_participates | false |
      | police_report_withdrawal_police_excluded    | true  |
    And the police completes "Decide protection measures for the victim-witness"
      | field           | value |
      | protection_risk | low   |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the NGO completes "Prepare the compensation claim"
    Then the case data has proceedings_participates = false
    And the police is shown no personal data of this case
    # she agrees again that the police know her and protect her
    When the NGO sends the message "proceedings_takes_part" with:
      | field                                | value      |
      | proceedings_takes_part_date          | 2026-01-05 |
      | proceedings_takes_part_explained     | true       |
      | proceedings_takes_part_police_agrees | true       |
    Then the police has a task "Decide protection measures for the victim-witness"
    And the case data has consent_withdrawn_from = []
    And the police is shown personal data of this case
    When the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the NGO has a task "Prepare and accompany the person to the hearing"
    When the NGO completes "Extend the free shelter for the proceedings"
      | field                    | value      |
      | proceedings_shelter      | extended   |
      | proceedings_shelter_from | 2026-01-05 |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                                     |
      | protection_risk     | high                                      |
      | protection_measures | ["identity_confidential", "video_testimony"] |
    And the NGO completes "Prepare the compensation claim"
    And the NGO completes "Prepare and accompany the person to the hearing"
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | verdict |
    Then the NGO has a task "Plan the move from the shelter now the proceedings ended"
    And the case data has protection_risk = "high"

  @consent @message
  Scenario: she took back her police report and said the police get no more of her data: when she takes part again without agreeing to the police, the prosecutor decides her protection and the police see nothing
    # Review 4, N-11: an officer is linked to her traffickers. Her answer "the police get no more
    # of my data" is acted on, and a later "I take part" does not hand her to the police again.
    Given a "proceedings" case reported by the police
      | field                 | value      |
      | pseudonym             | Dinara-9   |
      | presumed_child        | false      |
      | consent_police_report | true       |
      | referral_receiver     | ngo        |
      | referral_decision     | accepted   |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0403-2026-0044 |
      | crime_registration_region | talas          |
    And the NGO completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value  |
      | proceedings_explained    | true   |
      | proceedings_participates | true   |
      | proceedings_decided_by   | person |
    And the NGO sends the message "consent_limited" with:
      | field                           | value   |
      | consent_withdrawn_from          | ["iom"] |
      | consent_police_report_withdrawn | true    |
    # the protection task the police still hold shows them nothing of who she is
    Then the police has a task "Decide protection measures for the victim-witness"
    And the police is shown no personal data of this case
    When the NGO completes "Explain the consequences and record whether the person still takes part"
      | field                                       | value |
      | police_report_withdrawal_explained          | true  |
      | police_report_withdrawal_still_participates | false |
      | police_report_withdrawal_police_excluded    | true  |
    Then the case data has consent_withdrawn_from = ["iom", "police"]
    When the police completes "Decide protection measures for the victim-witness"
      | field           | value |
      | protection_risk | high  |
    And the NGO completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the NGO completes "Prepare the compensation claim"
    # months later she will testify before the court: she is asked about the police first
    And the NGO tries to send the message "proceedings_takes_part" with:
      | field                            | value      |
      | proceedings_takes_part_date      | 2026-01-05 |
      | proceedings_takes_part_explained | true       |
    Then the answers are refused for proceedings_takes_part_police_agrees
    When the NGO sends the message "proceedings_takes_part" with:
      | field                                | value      |
      | proceedings_takes_part_date          | 2026-01-05 |
      | proceedings_takes_part_explained     | true       |
      | proceedings_takes_part_police_agrees | false      |
    Then the prosecutor has a task "Decide protection measures for the victim-witness"
    And the police has no task "Decide protection measures for the victim-witness"
    And the NGO has a task "Extend the free shelter for the proceedings"
    And the police is shown no personal data of this case
    And the case data has consent_withdrawn_from = ["iom", "police"]
    When the prosecutor completes "Decide protection measures for the victim-witness"
      | field               | value                     |
      | protection_risk     | high                      |
      | protection_measures | ["identity_confidential"] |
    Then the prosecutor has no task "Decide protection measures for the victim-witness"
    And the case data has proceedings_participates = true

  @child @message
  Scenario: a child who did not want to take part takes part later, with her guardian and in her own words; the police decide a child-friendly interview
    Given a "proceedings" case reported by the police
      | field                 | value          |
      | pseudonym             | Aiperi-15      |
      | presumed_child        | true           |
      | consent_police_report | false          |
      | referral_receiver     | child_protection |
      | referral_decision     | accepted         |
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0090 |
      | crime_registration_region | naryn          |
    And the child-protection body completes "Explain the proceedings and ask whether the person takes part"
      | field                    | value    |
      | proceedings_explained    | true     |
      | proceedings_participates | false    |
    Then the prosecutor has a task "Record the next step of the proceedings"
    # a child takes part only with her guardian
    When the child-protection body tries to send the message "proceedings_takes_part" with:
      | field                            | value      |
      | proceedings_takes_part_date      | 2026-01-05 |
      | proceedings_takes_part_explained | true       |
    Then the answers are refused for proceedings_takes_part_guardian_agrees, proceedings_takes_part_child_views
    # and the child's own views are recorded, not only her guardian's agreement (review 4, M-4)
    When the child-protection body tries to send the message "proceedings_takes_part" with:
      | field                                  | value      |
      | proceedings_takes_part_date            | 2026-01-05 |
      | proceedings_takes_part_explained       | true       |
      | proceedings_takes_part_guardian_agrees | true       |
    Then the answers are refused for proceedings_takes_part_child_views
    When the child-protection body sends the message "proceedings_takes_part" with:
      | field                                  | value                                       |
      | proceedings_takes_part_date            | 2026-01-05                                  |
      | proceedings_takes_part_explained       | true                                        |
      | proceedings_takes_part_guardian_agrees | true                                        |
      | proceedings_takes_part_child_views     | "She wants to tell the judge, by video"     |
      | proceedings_takes_part_note            | "Explained again with her guardian present" |
    And the child-protection body completes "Prepare the compensation claim"
    And the child-protection body completes "Extend the free shelter for the proceedings"
      | field               | value          |
      | proceedings_shelter | not_in_shelter |
    And the police completes "Decide protection measures for the victim-witness"
      | field               | value                          |
      | protection_risk     | medium                         |
      | protection_measures | ["child_friendly_interview"]   |
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value   |
      | proceedings_next | hearing |
    Then the child-protection body has a task "Prepare and accompany the person to the hearing"
    When the child-protection body completes "Prepare and accompany the person to the hearing"
    And the prosecutor completes "Record the next step of the proceedings"
      | field            | value  |
      | proceedings_next | closed |
    When the child-protection body completes "Tell the person the outcome of the proceedings"
      | field                                 | value                                         |
      | proceedings_outcome_person_told       | true                                          |
      | proceedings_outcome_guardian_told_how | With the child, at the child-protection office |
    Then the case is closed with outcome "closed"
    And the case data has proceedings_participates = true


  @consent @message
  Scenario: an adult who takes back her police report before the crime is registered stops the registration; only her offences are cleared
    Given a "proceedings" case reported by the police
      | field                  | value    |
      | pseudonym              | Gulnara-4 |
      | presumed_child         | false    |
      | consent_police_report  | true     |
      | non_punishment_applies | true     |
      | referral_receiver      | ngo      |
      | referral_decision      | accepted |
    Then the prosecutor has a task "Record the crime in the unified register"
    When the NGO sends the message "consent_limited" with:
      | field                           | value      |
      | consent_withdrawn_from          | ["police"] |
      | consent_police_report_withdrawn | true       |
    Then the prosecutor has no task "Record the crime in the unified register"
    And the prosecutor has a task "Decide on non-punishment of offences linked to the exploitation"
    And the NGO has no task "Explain the consequences and record whether the person still takes part"
    When the prosecutor completes "Decide on non-punishment of offences linked to the exploitation"
      | field                   | value          |
      | non_punishment_decision | not_prosecuted |
      | non_punishment_person_told | true |
    Then the case is closed with outcome "non_punishment_only"
    And the case data has no crime_register_number

  @consent @message
  Scenario: a withdrawal of consent to help that stops sharing with the police, before the crime is registered, stops the registration too
    Given a "proceedings" case reported by the police
      | field                 | value     |
      | pseudonym             | Elnura-6  |
      | presumed_child        | false     |
      | consent_police_report | true      |
      | referral_receiver     | ngo       |
      | referral_decision     | accepted  |
    When the NGO sends the message "consent_withdrawn" with:
      | field                         | value      |
      | consent_withdrawn_scope       | ["help"]   |
      | consent_withdrawn_from        | ["police"] |
      | consent_still_agrees_to_help  | false      |
    Then the prosecutor has no task "Record the crime in the unified register"
    And the case is closed with outcome "no_proceedings"
    And the case data has no crime_register_number

  @consent @message
  Scenario: a limit of her consent that keeps the police report, or any withdrawal for a child, does not stop the registration
    Given a "proceedings" case reported by the police
      | field                 | value     |
      | pseudonym             | Zhanyl-2  |
      | presumed_child        | false     |
      | consent_police_report | true      |
      | referral_receiver     | ngo       |
      | referral_decision     | accepted  |
    When the NGO sends the message "consent_limited" with:
      | field                           | value   |
      | consent_withdrawn_from          | ["iom"] |
      | consent_police_report_withdrawn | false   |
    Then the prosecutor has a task "Record the crime in the unified register"
    When the prosecutor completes "Record the crime in the unified register"
      | field                     | value          |
      | crime_register_number     | 0101-2026-0101 |
      | crime_registration_region | chui           |
    Then the NGO has a task "Explain the proceedings and ask whether the person takes part"
    Given a "proceedings" case reported by the police
      | field                 | value      |
      | pseudonym             | Asema-14   |
      | age                   | 14         |
      | presumed_child        | true       |
      | consent_police_report | false      |
      | referral_receiver     | child_protection |
      | referral_decision     | accepted         |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                         | value      |
      | consent_withdrawn_scope       | ["help"]   |
      | consent_withdrawn_from        | ["police"] |
      | consent_still_agrees_to_help  | false      |
      | consent_withdrawn_by          | guardian   |
    Then the prosecutor has a task "Record the crime in the unified register"
