@repatriation
Feature: Repatriation (SOP 4)
  4A: a Kyrgyz citizen found abroad is interviewed by the consular service, agrees
  to return, travels on a certificate of return with an escort when the risk calls
  for it and is received at home, where an agency takes the case on. Domestic
  identification, rehabilitation and the new passport follow in the case, not here.
  4B: a foreign victim in Kyrgyzstan has a reflection period without removal, then
  chooses between voluntary return, staying for the proceedings and other
  protection. A return needs an acceptable risk, travel documents from the
  consulate of origin, a best-interests decision for a child, a reintegration plan,
  and data go to the receiving organisation abroad only with the person's consent.
  The receiver serving the person in Kyrgyzstan (the one that accepted the referral)
  explains the reflection period and discusses the options with them.

  # ---------------------------------------------------------------- 4A: citizen abroad

  @inbound
  Scenario: a Kyrgyz citizen abroad agrees to return and arrives home
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Aigul-17 |
    Then the consular service has a task "Consular interview"
    When the consular service completes "Consular interview"
      | field                        | value             |
      | return_contact_channel       | foreign_authority |
      | return_country_of_stay       | RU                |
      | return_citizenship_evidence  | ["kg_id_card"]    |
      | return_citizenship_confirmed | true              |
    Then the consular service has a task "Informed consent to return"
    When the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    Then IOM has a task "Assess return risk"
    When IOM completes "Assess return risk"
      | field               | value      |
      | return_risk_level   | low        |
      | return_risk_factors | ["stigma"] |
    Then IOM has no task "Plan safety measures and escort"
    And the consular service has a task "Issue certificate of return"
    When the consular service completes "Issue certificate of return"
    Then IOM has a task "Organise travel and escort"
    # an adult's trip has no child hand-over to move
    And the case does not wait for the message "child_handover_moved"
    When IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_mode            | air   |
      | return_travel_escort_provided | false |
    Then the social services has a task "Receive at home"
    When the social services completes "Receive at home"
      | field                          | value         |
      | return_receiving_agency        | ngo           |
      | return_reception_accommodation | family        |
      | return_reception_needs         | ["documents"] |
    Then the case is closed with outcome "arrived_home"
    And the case data has repatriation_outcome = "arrived_home"
    And the case data has return_receiving_agency = "ngo"
    And the registration service has no task "Issue new passport"

  @inbound @deadline
  Scenario: the reception at home is due from the planned arrival, not from the departure, and the social services see when she arrives
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Aigul-18 |
    When the consular service completes "Consular interview"
      | field                        | value             |
      | return_contact_channel       | foreign_authority |
      | return_country_of_stay       | TR                |
      | return_citizenship_evidence  | ["kg_id_card"]    |
      | return_citizenship_confirmed | true              |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field               | value      |
      | return_risk_level   | low        |
      | return_risk_factors | ["stigma"] |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value              |
      | return_travel_departure_date  | "2026-01-05"       |
      | return_travel_arrival_at      | "2026-01-08T22:30" |
      | return_travel_mode            | road               |
      | return_travel_arrival_point   | "Torugart"         |
      | return_travel_escort_provided | false              |
    Then the social services has a task "Receive at home"
    And the task "Receive at home" is due on 2026-01-09
    And the case data has return_travel_arrival_at = "2026-01-08T22:30"
    When 2 days pass
    Then "Receive at home" is not escalated
    When 3 days pass
    Then "Receive at home" is escalated to the supervisors of the social services

  @inbound @consent
  Scenario: a citizen abroad declines to return and is referred to help there
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Bakyt-03 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | ngo             |
      | return_country_of_stay       | KZ              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                 | value                           |
      | return_consent_given  | false                           |
      | return_consent_by     | person                          |
      | return_decline_reason | wants to keep working in Almaty |
    Then IOM has no task "Assess return risk"
    And the consular service has a task "Refer to assistance in the country of stay"
    And the case is open
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                        |
      | return_abroad_organisation | NGO Sana Sezim, Almaty       |
      | return_abroad_help         | ["legal_aid", "psychological"] |
      | return_abroad_data_consent | true                         |
    Then the consular service has no open tasks
    And the case is closed with outcome "return_declined"
    And the case data has repatriation_outcome = "return_declined"
    And the case data has return_abroad_organisation = "NGO Sana Sezim, Almaty"

  @inbound
  Scenario: citizenship not confirmed at the consular interview is verified by the registration service; a person found not to be a Kyrgyz citizen is referred to help in the country of stay
    Given a "repatriation" case reported by the consular service
      | field                  | value   |
      | repatriation_direction | inbound |
      | presumed_child         | false   |
      | pseudonym              | Nurs-41 |
    When the consular service completes "Consular interview"
      | field                        | value          |
      | return_contact_channel       | iom            |
      | return_country_of_stay       | TR             |
      | full_name                    | "Nursultan B." |
      | date_of_birth                | "1994-02-11"   |
      | return_citizenship_evidence  | ["none"]       |
      | return_citizenship_confirmed | false          |
    Then the consular service has no task "Informed consent to return"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                          | value                                    |
      | citizenship_verified_as        | other                                    |
      | citizenship_verified_country   | TM                                       |
      | citizenship_verification_basis | "No entry in the population register"    |
    Then the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                |
      | return_abroad_organisation | IOM office in Ankara |
      | return_abroad_data_consent | true                 |
    Then the case is closed with outcome "citizenship_not_confirmed"
    And the case data has repatriation_outcome = "citizenship_not_confirmed"
    And the case data has citizenship = "TM"

  @inbound @citizenship
  Scenario: a person reported as Kyrgyz without papers is not referred away on the consul's doubt: the registration service confirms her citizenship and she is asked about returning
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Zarina-9 |
    When the consular service completes "Consular interview"
      | field                        | value         |
      | return_contact_channel       | ngo           |
      | return_country_of_stay       | KZ            |
      | full_name                    | "Zarina K."   |
      | date_of_birth                | "2001-07-30"  |
      | return_citizenship_evidence  | ["none"]      |
      | return_citizenship_confirmed | false         |
    Then the registration service has a task "Verify citizenship"
    When the registration service completes "Verify citizenship"
      | field                          | value                                       |
      | citizenship_verified_as        | kyrgyz                                      |
      | citizenship_verification_basis | "Entry in the population register, Naryn"   |
    Then the consular service has a task "Informed consent to return"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the case data has citizenship = "KG"

  @inbound @citizenship
  Scenario: a citizen abroad whose citizenship cannot be established is helped where she is and her case does not close as "not returned": it waits for the procedure, followed up on a deadline; established Kyrgyz, she is asked about returning home
    Given a "repatriation" case reported by the consular service
      | field                  | value   |
      | repatriation_direction | inbound |
      | presumed_child         | false   |
      | pseudonym              | Aida-52 |
    When the consular service completes "Consular interview"
      | field                        | value         |
      | return_contact_channel       | ngo           |
      | return_country_of_stay       | RU            |
      | full_name                    | "Aida T."     |
      | date_of_birth                | "1998-03-02"  |
      | return_citizenship_evidence  | ["none"]      |
      | return_citizenship_confirmed | false         |
    And the registration service completes "Verify citizenship"
      | field                          | value                                        |
      | citizenship_verified_as        | not_established                              |
      | citizenship_verification_basis | "No entry found; her documents were taken"   |
    Then the registration service has a task "Open the procedure to establish identity and citizenship"
    When the registration service completes "Open the procedure to establish identity and citizenship"
      | field                             | value                           |
      | citizenship_procedure_kind        | identity_and_citizenship        |
      | citizenship_procedure_followed_by | "Registration officer, Bishkek" |
      | citizenship_procedure_person_told | true                            |
    Then the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                   |
      | return_abroad_organisation | "IOM office in Moscow"  |
      | return_abroad_data_consent | true                    |
      | return_abroad_outcome      | taken_on                |
    Then the case is open
    And the case data has repatriation_outcome = "citizenship_unresolved"
    And the case waits for the message "citizenship_established"
    And the consular service has a task "Follow the citizenship procedure and keep in touch"
    And the task "Follow the citizenship procedure and keep in touch" is due in 10 working days
    When the consular service completes "Follow the citizenship procedure and keep in touch"
      | field                           | value                                          |
      | return_procedure_status         | "Requests sent to the Osh and Naryn archives"  |
      | return_procedure_person_told    | true                                           |
      | return_procedure_help_continues | true                                           |
      | return_procedure_person_waits   | true                                           |
    Then the consular service has a task "Follow the citizenship procedure and keep in touch"
    And the task "Follow the citizenship procedure and keep in touch" is due in 10 working days
    And the case is open
    When the registration service sends the message "citizenship_established" with:
      | field                         | value                                   |
      | citizenship_established_as    | kyrgyz                                  |
      | citizenship_established_basis | "Birth record found in the Osh archive" |
    Then the consular service has a task "Informed consent to return"
    And the consular service has no task "Follow the citizenship procedure and keep in touch"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the case data has citizenship = "KG"
    And the case data has citizenship_unresolved = false

  @inbound @citizenship
  Scenario: a citizen abroad whose citizenship could not be established and is then established stateless stays with the help she was referred to; the case closes with that answer, without a second referral
    Given a "repatriation" case reported by the consular service
      | field                  | value   |
      | repatriation_direction | inbound |
      | presumed_child         | false   |
      | pseudonym              | Aida-53 |
    When the consular service completes "Consular interview"
      | field                        | value     |
      | return_contact_channel       | ngo       |
      | return_country_of_stay       | RU        |
      | return_citizenship_evidence  | ["none"]  |
      | return_citizenship_confirmed | false     |
    And the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
    And the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                  |
      | return_abroad_organisation | "IOM office in Moscow" |
      | return_abroad_data_consent | true                   |
      | return_abroad_outcome      | taken_on               |
    Then the case is open
    When the consular service sends the message "citizenship_established" with:
      | field                      | value     |
      | citizenship_established_as | stateless |
    Then the case is closed with outcome "citizenship_not_confirmed"
    And the case data has citizenship = "stateless"
    And the consular service has no open tasks

  @inbound @citizenship @child
  Scenario: a child abroad whose citizenship cannot be established is protected there while the procedure runs, and stops waiting for it only with her guardian's agreement
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | true     |
      | age                    | 16       |
      | pseudonym              | Meerim-6 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value    |
      | return_contact_channel       | ngo      |
      | return_country_of_stay       | RU       |
      | return_citizenship_evidence  | ["none"] |
      | return_citizenship_confirmed | false    |
    And the registration service completes "Verify citizenship"
      | field                   | value           |
      | citizenship_verified_as | not_established |
    And the registration service completes "Open the procedure to establish identity and citizenship"
    And the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                        |
      | return_abroad_organisation | "Children's shelter, Moscow" |
      | return_abroad_data_consent | true                         |
      | return_abroad_outcome      | taken_on                     |
    Then the child-protection body has a task "Hand over the child's protection in the country of stay"
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                                         |
      | child_abroad_responsible        | Moscow guardianship authority                 |
      | child_abroad_care               | shelter                                       |
      | child_abroad_guardian_confirmed | true                                          |
      | child_abroad_contact_plan       | monthly call with the shelter's social worker |
    Then the case is open
    And the consular service has a task "Follow the citizenship procedure and keep in touch"
    When the consular service tries to complete "Follow the citizenship procedure and keep in touch"
      | field                           | value                                 |
      | return_procedure_status         | "Still no answer from the archives"   |
      | return_procedure_person_told    | true                                  |
      | return_procedure_help_continues | true                                  |
      | return_procedure_person_waits   | false                                 |
      | return_procedure_stop_reason    | "she wants to stay with her aunt here" |
    Then the answers are refused for return_procedure_guardian_agreed
    When the consular service completes "Follow the citizenship procedure and keep in touch"
      | field                            | value                                  |
      | return_procedure_status          | "Still no answer from the archives"    |
      | return_procedure_person_told     | true                                   |
      | return_procedure_help_continues  | true                                   |
      | return_procedure_person_waits    | false                                  |
      | return_procedure_stop_reason     | "she wants to stay with her aunt here" |
      | return_procedure_guardian_agreed | true                                   |
    Then the case is closed with outcome "citizenship_unresolved"
    And the case data has return_procedure_stop_reason = "she wants to stay with her aunt here"

  @inbound
  Scenario: a high return risk leads to safety measures and an escort before the certificate
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Cholpon-8 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | consulate       |
      | return_country_of_stay       | AE              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field               | value                                |
      | return_risk_level   | high                                 |
      | return_risk_factors | ["contact_with_traffickers", "debt"] |
    Then IOM has a task "Plan safety measures and escort"
    And the consular service has no task "Issue certificate of return"
    When IOM completes "Plan safety measures and escort"
      | field                  | value                                            |
      | return_escort_required | true                                             |
      | return_escort_by       | iom                                              |
      | return_safety_measures | escort from Dubai, met at the airport by the NGO |
    Then the consular service has a task "Confirm consent with the risk and safety plan explained"
    And the consular service has no task "Issue certificate of return"
    When the consular service completes "Confirm consent with the risk and safety plan explained"
      | field                       | value  |
      | return_risk_explained       | true   |
      | return_consent_confirmed    | true   |
      | return_consent_confirmed_by | person |
    Then the consular service has a task "Issue certificate of return"
    And the case data has return_escort_required = true
    And the case is open

  @inbound @consent
  Scenario: told of the high risk and the safety plan, a citizen abroad no longer wants to return and is referred to help there
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Meerim-12 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_country_of_stay       | RU              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field               | value                         |
      | return_risk_level   | high                          |
      | return_risk_factors | ["contact_with_traffickers"]  |
    And IOM completes "Plan safety measures and escort"
      | field                  | value                                  |
      | return_escort_required | true                                   |
      | return_escort_by       | iom                                    |
      | return_safety_measures | the recruiters live in her home village |
    Then the consular service has a task "Confirm consent with the risk and safety plan explained"
    When the consular service tries to complete "Confirm consent with the risk and safety plan explained"
      | field                    | value |
      | return_risk_explained    | false |
      | return_consent_confirmed | false |
    Then the answers are refused for return_risk_explained
    When the consular service completes "Confirm consent with the risk and safety plan explained"
      | field                          | value                                            |
      | return_risk_explained          | true                                             |
      | return_consent_confirmed       | false                                            |
      | return_consent_confirmed_by    | person                                           |
      | return_consent_confirmed_notes | "Does not want to go back while they are there"  |
    Then the consular service has no task "Issue certificate of return"
    And the case data has repatriation_outcome = "return_declined"
    And the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                        |
      | return_abroad_organisation | "Crisis centre, Novosibirsk" |
      | return_abroad_data_consent | true                         |
    Then the case is closed with outcome "return_declined"

  @inbound @timer
  Scenario: the certificate of return expires before travel and is reissued
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Dinara-5 |
    When the consular service completes "Consular interview"
      | field                        | value             |
      | return_contact_channel       | foreign_authority |
      | return_country_of_stay       | RU                |
      | return_citizenship_evidence  | ["kg_id_card"]    |
      | return_citizenship_confirmed | true              |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value  |
      | return_risk_level | medium |
    And the consular service completes "Issue certificate of return"
    Then IOM has a task "Organise travel and escort"
    When 30 days pass
    Then IOM has no task "Organise travel and escort"
    And the consular service has a task "Reissue certificate of return"
    When the consular service completes "Reissue certificate of return"
      | field                             | value                                 |
      | return_certificate_reissue_reason | flight cancelled, person hospitalised |
    Then IOM has a task "Organise travel and escort"
    When IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_escort_provided | false |
    Then the social services has a task "Receive at home"
    And the case is open

  @inbound @timer
  Scenario: the certificate of return keeps expiring, the consular service stops the return and refers the person to help there
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Elmira-9 |
    When the consular service completes "Consular interview"
      | field                        | value             |
      | return_contact_channel       | foreign_authority |
      | return_country_of_stay       | RU                |
      | return_citizenship_evidence  | ["kg_id_card"]    |
      | return_citizenship_confirmed | true              |
    And the consular service completes "Informed consent to return"
      | field                | value  |
      | return_consent_given | true   |
      | return_consent_by    | person |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And 30 days pass
    And the consular service completes "Reissue certificate of return"
      | field                             | value             |
      | return_certificate_reissue_reason | employer kept her |
    And 30 days pass
    Then the consular service has no task "Reissue certificate of return"
    And the consular service has a task "Decide on a return that keeps failing"
    When the consular service completes "Decide on a return that keeps failing"
      | field                       | value                                  |
      | return_stalled_reason       | she is afraid of her family's debts    |
      | return_stalled_person_wants | true                                   |
      | return_stalled_decision     | try_again                              |
    Then the consular service has a task "Reissue certificate of return"
    When the consular service completes "Reissue certificate of return"
      | field                             | value                  |
      | return_certificate_reissue_reason | debts settled with IOM |
    And 30 days pass
    And the consular service completes "Decide on a return that keeps failing"
      | field                       | value                          |
      | return_stalled_reason       | she decided to stay after all  |
      | return_stalled_person_wants | false                          |
      | return_stalled_decision     | stop_return                    |
    Then the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                  |
      | return_abroad_organisation | IOM office in Moscow   |
      | return_abroad_data_consent | true                   |
    Then the case is closed with outcome "return_not_completed"
    And the case data has return_certificates_expired = 3

  @inbound @child
  Scenario: a child abroad returns to the family after a best-interests decision and is received at home by the child-protection body
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 16        |
      | pseudonym              | Farida-16 |
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the consular service has no task "Consular interview"
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                             |
      | child_protection_officer     | A. Sydykova                       |
      | child_abroad_host_protection | Child protection service, Moscow  |
      | child_abroad_safe_now        | true                              |
      | child_guardian_name          | Zarina Abdyldaeva                 |
      | child_guardian_relation      | appointed_guardian                |
      | child_guardian_suspected     | false                             |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                          |
      | return_consent_given | true                           |
      | return_consent_by    | legal_representative           |
      | return_child_views   | wants to go home to her mother |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then the child-protection body has a task "Best-interests decision and family assessment"
    And the consular service has no task "Issue certificate of return"
    When the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value            |
      | return_family_traced           | true             |
      | return_family_assessment       | suitable         |
      | return_best_interests_decision | return_to_family |
    Then the child-protection body has a task "Arrange the child's hand-over on arrival"
    And the consular service has no task "Issue certificate of return"
    When the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                              |
      | child_handover_arranged      | true                               |
      | child_handover_receiver_kind | child_protection_body              |
      | child_handover_receiver      | Osh city child-protection, officer |
      | child_handover_place         | Manas airport, arrivals            |
      | child_handover_escort        | IOM escort and the guardian        |
      | child_handover_date          | "2026-01-06"                       |
    Then the consular service has a task "Issue certificate of return"
    And the case data has child_handover_arranged = true
    When the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value              |
      | return_travel_arrival_point   | Manas airport, arrivals |
      | return_travel_escort_provided | true               |
      | return_travel_arrival_at      | "2026-01-06T07:40" |
    Then the social services has no task "Receive at home"
    And the child-protection body has a task "Receive the child at home"
    And the task "Receive the child at home" is due on 2026-01-07
    When 3 days pass
    Then "Receive the child at home" is escalated to the supervisors of the child-protection body
    When the child-protection body completes "Receive the child at home"
      | field                          | value                |
      | return_reception_by            | ["child_protection"] |
      | return_reception_accommodation | family               |
    Then the case is closed with outcome "arrived_home"
    And the case data has return_receiving_agency = "child_protection"

  @inbound @child
  Scenario: IOM cannot book a child's trip home without an escort, nor to land on another day than the hand-over child protection arranged
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Erlan-15  |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Gulzat Abdykadyrova              |
      | child_guardian_relation      | relative                         |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value            |
      | return_family_traced           | true             |
      | return_family_assessment       | suitable         |
      | return_best_interests_decision | return_to_family |
    And the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                     |
      | child_handover_arranged      | true                      |
      | child_handover_receiver_kind | child_protection_body     |
      | child_handover_receiver      | Osh city child-protection |
      | child_handover_place         | Osh airport, arrivals     |
      | child_handover_escort        | IOM escort to Osh         |
      | child_handover_date          | "2026-01-15"              |
    And the consular service completes "Issue certificate of return"
    # Alone, a week early: refused (pages review P4-2).
    When IOM tries to complete "Organise travel and escort"
      | field                         | value              |
      | return_travel_departure_date  | "2026-01-05"       |
      | return_travel_arrival_point   | Manas airport      |
      | return_travel_arrival_at      | "2026-01-08T09:00" |
      | return_travel_escort_provided | false              |
    Then the answers are refused for return_travel_escort_provided, return_travel_arrival_at, return_travel_arrival_point
    When IOM completes "Organise travel and escort"
      | field                         | value                 |
      | return_travel_departure_date  | "2026-01-05"          |
      | return_travel_arrival_point   | Osh airport, arrivals |
      | return_travel_arrival_at      | "2026-01-15T09:00"    |
      | return_travel_escort_provided | true                  |
      | return_travel_escort_by       | iom                   |
    Then the child-protection body has a task "Receive the child at home"

  @inbound @child
  Scenario: no seat on the hand-over day: child protection moves the child's hand-over and IOM books the trip for the new day and place
    # Review 6, R6-13: the trip form refuses an arrival away from the hand-over, so the
    # hand-over itself can be moved while the trip is being organised.
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Erlan-16  |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Gulzat Abdykadyrova              |
      | child_guardian_relation      | relative                         |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value            |
      | return_family_traced           | true             |
      | return_family_assessment       | suitable         |
      | return_best_interests_decision | return_to_family |
    And the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                     |
      | child_handover_arranged      | true                      |
      | child_handover_receiver_kind | child_protection_body     |
      | child_handover_receiver      | Osh city child-protection |
      | child_handover_place         | Osh airport, arrivals     |
      | child_handover_escort        | IOM escort to Osh         |
      | child_handover_date          | "2026-01-15"              |
    And the consular service completes "Issue certificate of return"
    # The first seats are two days later, and they land in Bishkek: refused as they stand.
    When IOM tries to complete "Organise travel and escort"
      | field                         | value                  |
      | return_travel_departure_date  | "2026-01-17"           |
      | return_travel_arrival_point   | Manas airport, arrivals |
      | return_travel_arrival_at      | "2026-01-17T09:00"     |
      | return_travel_escort_provided | true                   |
      | return_travel_escort_by       | iom                    |
    Then the answers are refused for return_travel_arrival_at, return_travel_arrival_point
    And the case waits for the message "child_handover_moved"
    When the child-protection body sends the message "child_handover_moved" with:
      | field                       | value                                  |
      | child_handover_arranged     | true                                   |
      | child_handover_place        | Manas airport, arrivals                |
      | child_handover_date         | "2026-01-17"                           |
      | child_handover_escort       | IOM escort to Bishkek                  |
      | child_handover_moved_reason | no seat to Osh before the 17th         |
    Then IOM has a task "Organise travel and escort"
    When IOM completes "Organise travel and escort"
      | field                         | value                   |
      | return_travel_departure_date  | "2026-01-17"            |
      | return_travel_arrival_point   | Manas airport, arrivals |
      | return_travel_arrival_at      | "2026-01-17T09:00"      |
      | return_travel_escort_provided | true                    |
      | return_travel_escort_by       | iom                     |
    Then the child-protection body has a task "Receive the child at home"
    And the case data has child_handover_place = "Manas airport, arrivals"

  @inbound @child
  Scenario: no hand-over on arrival can be arranged for a child abroad, so the child does not travel and stays protected there
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 13        |
      | pseudonym              | Aida-13   |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Almaty |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_country_of_stay       | KZ                    |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
      | return_child_views   | wants to go home     |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value            |
      | return_family_traced           | true             |
      | return_family_assessment       | suitable         |
      | return_best_interests_decision | return_to_family |
    And the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                   | value                                   |
      | child_handover_arranged | false                                   |
      | child_handover_notes    | no officer can meet her at the border   |
    Then the consular service has no task "Issue certificate of return"
    And IOM has no task "Organise travel and escort"
    And the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                       |
      | return_abroad_organisation | Children's shelter, Almaty  |
    Then the child-protection body has a task "Hand over the child's protection in the country of stay"
    And the case data has repatriation_outcome = "return_not_in_best_interests"
    # No child is left abroad without a guardian who is not a suspect: the hand-over waits for one.
    When the child-protection body tries to complete "Hand over the child's protection in the country of stay"
      | field                           | value                      |
      | child_abroad_responsible        | Almaty child protection    |
      | child_abroad_guardian_confirmed | false                      |
    Then the answers are refused for child_abroad_guardian_confirmed
    And the child-protection body has a task "Hand over the child's protection in the country of stay"

  @inbound @child
  Scenario: a Kyrgyz child found abroad gets a guardian and protection before any return
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Aijan-15  |
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the consular service has no task "Consular interview"
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_abroad_safe_place      | shelter                          |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    Then the consular service has a task "Consular interview"
    And the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the case data has child_abroad_safe_place = "shelter"

  @inbound @child
  Scenario: a child abroad whose parent is suspected gets another guardian before any consent to return
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 14        |
      | pseudonym              | Nurai-14  |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_abroad_safe_place      | shelter                          |
      | child_guardian_name          | the child's father               |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | true                             |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the task "Appoint a guardian who is not a suspect" is due in 24 hours
    And the consular service has no task "Consular interview"
    And the consular service has no task "Informed consent to return"
    When the child-protection body tries to complete "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | Zarina Abdyldaeva    |
      | child_new_guardian_relation | appointed_guardian   |
      | child_new_guardian_date     | 2026-03-02           |
      | child_suspect_kept_away     | false                |
      | child_suspicion_told_police | true                 |
    Then the answers are refused for child_suspect_kept_away
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                |
      | child_new_guardian_name     | Zarina Abdyldaeva    |
      | child_new_guardian_relation | appointed_guardian   |
      | child_new_guardian_date     | 2026-03-02           |
      | child_suspect_kept_away     | true                 |
      | child_suspicion_told_police | true                 |
    Then the consular service has a task "Consular interview"
    And the case data has child_new_guardian_name = "Zarina Abdyldaeva"
    And the case data has child_guardian_name = "Zarina Abdyldaeva"
    And the case data has child_guardian_relation = "appointed_guardian"
    # The suspect is not forgotten: the consular service, which talks to the family, is told whom not to contact (pages review P3-6).
    And the case data has child_guardian_suspected_name = "the child's father"
    And the case data has child_guardian_suspected_relation = "parent"
    # A child does not decide her return alone: the appointed guardian does, with her views (pages review P3-2).
    When the consular service completes "Consular interview"
      | field                        | value                 |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service tries to complete "Informed consent to return"
      | field                | value                    |
      | return_consent_given | true                     |
      | return_consent_by    | person                   |
      | return_child_views   | wants to go home         |
    Then the answers are refused for return_consent_by
    When the consular service completes "Informed consent to return"
      | field                | value                    |
      | return_consent_given | true                     |
      | return_child_views   | wants to go home         |
    Then the case data has return_consent_by = "legal_representative"
    And IOM has a task "Assess return risk"

  @inbound @child
  Scenario: the guardian who confirms a child's return at a high risk is the one child protection appointed instead of the suspected father: the consul cannot type the suspect's name, and child protection sees who confirmed
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Nurbek-15 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Talant Abdykadyrov               |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | true                             |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                  |
      | child_new_guardian_name     | Gulzat Abdykadyrova    |
      | child_new_guardian_relation | relative               |
      | child_new_guardian_date     | 2026-01-03             |
      | child_suspect_kept_away     | true                   |
      | child_suspicion_told_police | true                   |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field               | value               |
      | return_risk_level   | high                |
      | return_risk_factors | ["family_involved"] |
    And IOM completes "Plan safety measures and escort"
      | field                  | value                                  |
      | return_escort_required | true                                   |
      | return_escort_by       | iom                                    |
      | return_safety_measures | the father is not told the flight      |
    Then the consular service has a task "Confirm consent with the risk and safety plan explained"
    # The confirming guardian is the case's, not a free-text box (pages review P4-1).
    When the consular service tries to complete "Confirm consent with the risk and safety plan explained"
      | field                                | value              |
      | return_risk_explained                | true               |
      | return_consent_confirmed             | true               |
      | return_consent_confirmed_guardian    | Talant Abdykadyrov |
      | return_consent_confirmed_child_views | wants to go home   |
    Then the answers are refused for return_consent_confirmed_guardian
    When the consular service completes "Confirm consent with the risk and safety plan explained"
      | field                                | value              |
      | return_risk_explained                | true               |
      | return_consent_confirmed             | true               |
      | return_consent_confirmed_child_views | wants to go home   |
    Then the case data has return_consent_confirmed_guardian = "Gulzat Abdykadyrova"
    And the child-protection body has a task "Best-interests decision and family assessment"

  @inbound @child
  Scenario: a child's family is not traced, a return to the family is refused and the child is protected where she is
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | pseudonym              | Gulzat-14 |
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the consular service has no task "Consular interview"
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                             |
      | child_protection_officer     | A. Sydykova                       |
      | child_abroad_host_protection | Child protection service, Moscow  |
      | child_abroad_safe_now        | true                              |
      | child_guardian_name          | Zarina Abdyldaeva                 |
      | child_guardian_relation      | appointed_guardian                |
      | child_guardian_suspected     | false                             |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | ngo                   |
      | return_country_of_stay       | KZ                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
      | return_child_views   | wants to go home              |
    And IOM completes "Assess return risk"
      | field               | value               |
      | return_risk_level   | medium              |
      | return_risk_factors | ["family_involved"] |
    And the child-protection body tries to complete "Best-interests decision and family assessment"
      | field                          | value                     |
      | return_family_traced           | false                     |
      | return_family_assessment       | not_traced                |
      | return_best_interests_decision | return_to_family          |
      | return_best_interests_basis    | she asks to go to her mum |
    Then the answers are refused for return_family_traced, return_family_assessment
    And the child-protection body has a task "Best-interests decision and family assessment"
    When the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value                                  |
      | return_family_traced           | false                                  |
      | return_family_assessment       | not_traced                             |
      | return_best_interests_decision | no_return                              |
      | return_best_interests_basis    | no family found; safe in shelter there |
    Then the consular service has no task "Issue certificate of return"
    And the consular service has a task "Refer to assistance in the country of stay"
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                        |
      | return_abroad_organisation | Children's shelter, Shymkent |
      | return_abroad_data_consent | true                         |
    Then the child-protection body has a task "Hand over the child's protection in the country of stay"
    And the case is open
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                                   |
      | child_abroad_responsible        | Shymkent guardianship authority         |
      | child_abroad_care               | shelter                                 |
      | child_abroad_guardian_confirmed | true                                    |
      | child_abroad_contact_plan       | monthly call with the shelter's social worker |
    Then the case is closed with outcome "return_not_in_best_interests"

  # ---------------------------------------------------------------- 4B: foreign victim in Kyrgyzstan

  @outbound @timer
  Scenario: an adult foreign victim returns home voluntarily once the reflection period from reasonable grounds is over
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-12-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Hilola-2     |
    Then the NGO has a task "Explain rights and the reflection period"
    And the case data has return_reflection_ends = "2026-01-19"
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    Then the NGO has no task "Discuss options"
    And IOM has no task "Assess return risk"
    And the case is open
    When 13 days pass
    Then the NGO has no task "Discuss options"
    When 1 day passes
    Then the NGO has a task "Discuss options"
    When the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    Then IOM has a task "Assess return risk"
    When IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then IOM has a task "Request travel documents from the consulate of origin"
    When IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    Then the child-protection body has no task "Best-interests decision and family assessment"
    And the NGO has a task "Discuss hand-over data with the person"
    When the NGO completes "Discuss hand-over data with the person"
      | field                         | value                           |
      | return_receiving_organisation | IOM Tashkent reintegration desk |
      | return_receiving_country      | UZ                              |
      | return_handover_data_items    | ["contact_details", "needs"]    |
      | return_handover_data_consent  | true                            |
      | return_handover_consent_by    | person                          |
    Then IOM has a task "Prepare reintegration plan"
    When IOM completes "Prepare reintegration plan"
    Then IOM has a task "Organise assisted return"
    When IOM completes "Organise assisted return"
      | field                         | value |
      | return_travel_mode            | road  |
      | return_travel_escort_provided | false |
    Then IOM has a task "Hand over to the receiving organisation"
    When IOM completes "Hand over to the receiving organisation"
      | field                     | value |
      | return_handover_confirmed | true  |
    Then the case is closed with outcome "returned_home"
    And the case data has repatriation_outcome = "returned_home"

  @outbound @consent
  Scenario: a foreign victim who asks in writing discusses the options before the reflection period ends
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2026-01-02" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | KZ           |
      | pseudonym               | Saule-40     |
    When the NGO tries to complete "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | true  |
    Then the answers are refused for return_reflection_waiver_date, return_reflection_waiver_reference
    And the NGO has no task "Discuss options"
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value                           |
      | return_reflection_rights_explained | true                            |
      | return_reflection_waived           | true                            |
      | return_reflection_waiver_date      | 2026-01-05                      |
      | return_reflection_waiver_reference | Case file 14, signed request    |
      | return_reflection_waiver_language  | kk                              |
    Then the NGO has a task "Discuss options"
    And the case data has return_reflection_waived = true

  @outbound @child
  Scenario: a presumed child cannot waive the reflection period alone: without the child-protection body's written agreement the period runs to its end
    Given a "repatriation" case reported by the child-protection body
      | field                  | value            |
      | repatriation_direction | outbound         |
      | referral_receiver      | child_protection |
      | presumed_child         | true             |
      | age                    | 16               |
      | citizenship            | TJ               |
      | pseudonym              | Farrukh-16       |
    When the child-protection body completes "Explain rights and the reflection period"
      | field                                           | value                    |
      | return_reflection_rights_explained | true |
      | return_reflection_waived                        | true                     |
      | return_reflection_waiver_reference              | "written request, file 3" |
      | return_reflection_waiver_child_protection_agreed | false                   |
    Then the child-protection body has no task "Discuss options"
    When 30 days pass
    Then the child-protection body has a task "Discuss options"

  @outbound @child
  Scenario: a presumed child's written request to discuss the options early is followed when the child-protection body agrees in writing
    Given a "repatriation" case reported by the child-protection body
      | field                  | value            |
      | repatriation_direction | outbound         |
      | referral_receiver      | child_protection |
      | presumed_child         | true             |
      | age                    | 17               |
      | citizenship            | TJ               |
      | pseudonym              | Shahlo-17        |
    When the child-protection body completes "Explain rights and the reflection period"
      | field                                           | value                    |
      | return_reflection_rights_explained | true |
      | return_reflection_waived                        | true                     |
      | return_reflection_waiver_reference              | "written request, file 4" |
      | return_reflection_waiver_child_protection_agreed | true                    |
    Then the child-protection body has a task "Discuss options"

  @outbound @child
  Scenario: a foreign child served by the child-protection body returns home only after a best-interests decision, and her consulate learns of her only after it
    Given a "repatriation" case reported by the child-protection body
      | field                  | value            |
      | repatriation_direction | outbound         |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | child_protection |
      | presumed_child         | true             |
      | age                    | 15               |
      | citizenship            | TJ               |
      | pseudonym              | Iskandar-15      |
    When the child-protection body completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    Then the child-protection body has a task "Discuss options"
    When the child-protection body completes "Discuss options"
      | field                           | value                      |
      | repatriation_option             | voluntary_return           |
      | repatriation_option_child_views | wants to go back to school |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    # The consulate of origin learns who and where the child is only once her best interests say "return".
    Then IOM has no task "Request travel documents from the consulate of origin"
    And the child-protection body has a task "Best-interests decision and family assessment"
    And the child-protection body has no task "Discuss hand-over data with the person"
    When the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value                 |
      | return_family_traced           | true                  |
      | return_family_assessment       | suitable_with_support |
      | return_best_interests_decision | return_to_family      |
    Then the child-protection body has a task "Arrange the child's hand-over on arrival"
    And the child-protection body has no task "Discuss hand-over data with the person"
    When the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                                   |
      | child_handover_arranged      | true                                    |
      | child_handover_receiver_kind | child_protection_body                   |
      | child_handover_receiver      | Guardianship authority, Dushanbe        |
      | child_handover_place         | Dushanbe airport                        |
      | child_handover_escort        | child-protection officer from Bishkek   |
      | child_handover_date          | "2026-02-02"                            |
    Then IOM has a task "Request travel documents from the consulate of origin"
    And the child-protection body has no task "Discuss hand-over data with the person"
    When IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    Then the child-protection body has a task "Discuss hand-over data with the person"
    When the child-protection body completes "Discuss hand-over data with the person"
      | field                        | value                |
      | return_handover_data_consent | true                 |
      | return_handover_consent_by   | legal_representative |
    And IOM completes "Prepare reintegration plan"
    And IOM completes "Organise assisted return"
      | field                         | value            |
      | return_travel_escort_provided | true             |
      | return_travel_escort_by       | child_protection |
    And IOM completes "Hand over to the receiving organisation"
      | field                     | value |
      | return_handover_confirmed | true  |
    Then the case is closed with outcome "returned_home"
    And the case data has return_best_interests_decision = "return_to_family"

  @outbound @child
  Scenario: return is not in a foreign child's best interests and the options are discussed again
    Given a "repatriation" case reported by the NGO
      | field                  | value      |
      | repatriation_direction | outbound   |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | ngo        |
      | presumed_child         | true       |
      | citizenship            | TJ         |
      | pseudonym              | Jamshed-13 |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
      | repatriation_option_child_views | misses her brothers             |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value      |
      | return_family_traced           | false      |
      | return_family_assessment       | not_traced |
      | return_best_interests_decision | no_return  |
    Then the NGO has a task "Discuss options"
    And IOM has no task "Organise assisted return"
    And IOM has no task "Request travel documents from the consulate of origin"
    When the NGO completes "Discuss options"
      | field                        | value             |
      | repatriation_option          | other_protection  |
      | repatriation_option_child_views | wants to stay at the school here |
      | return_other_protection_type | humanitarian_stay |
    Then the case is closed with outcome "other_protection"

  @outbound @child
  Scenario: a return to alternative care needs a named and assessed placement, and a child with no hand-over arranged does not travel
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | true         |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-12   |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
      | repatriation_option_child_views | wants to see her grandmother again |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body tries to complete "Best-interests decision and family assessment"
      | field                            | value                      |
      | return_family_traced             | false                      |
      | return_family_assessment         | not_traced                 |
      | return_best_interests_decision   | return_to_alternative_care |
      | return_alternative_care_assessed | false                      |
    Then the answers are refused for return_alternative_care_placement, return_alternative_care_assessed
    When the child-protection body completes "Best-interests decision and family assessment"
      | field                             | value                                |
      | return_family_traced              | false                                |
      | return_family_assessment          | not_traced                           |
      | return_best_interests_decision    | return_to_alternative_care           |
      | return_alternative_care_placement | Children's home No. 2, Samarkand     |
      | return_alternative_care_assessed  | true                                 |
    Then the child-protection body has a task "Arrange the child's hand-over on arrival"
    When the child-protection body tries to complete "Arrange the child's hand-over on arrival"
      | field                   | value |
      | child_handover_arranged | true  |
    Then the answers are refused for child_handover_receiver, child_handover_place, child_handover_escort, child_handover_date
    When the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                   | value                                         |
      | child_handover_arranged | false                                         |
      | child_handover_notes    | the children's home does not answer           |
    Then the NGO has a task "Discuss options"
    And IOM has no task "Organise assisted return"
    And the child-protection body has no task "Discuss hand-over data with the person"
    And IOM has no task "Request travel documents from the consulate of origin"

  @outbound
  Scenario: a foreign victim declines voluntary return and stays for the proceedings
    Given a "repatriation" case reported by the NGO
      | field                  | value    |
      | repatriation_direction | outbound |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | ngo      |
      | presumed_child         | false    |
      | citizenship            | IN       |
      | pseudonym              | Kiran-30 |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value                |
      | repatriation_option | stay_for_proceedings |
    Then IOM has no task "Assess return risk"
    And the case is closed with outcome "stayed_for_proceedings"
    And the case data has repatriation_outcome = "stayed_for_proceedings"

  @outbound
  Scenario: a foreign victim chooses another form of protection
    Given a "repatriation" case reported by the NGO
      | field                  | value    |
      | repatriation_direction | outbound |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | ngo      |
      | presumed_child         | false    |
      | citizenship            | AF       |
      | pseudonym              | Laila-24 |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field                        | value            |
      | repatriation_option          | other_protection |
      | return_other_protection_type | asylum           |
    Then IOM has no task "Assess return risk"
    And the case is closed with outcome "other_protection"
    And the case data has repatriation_outcome = "other_protection"

  @outbound
  Scenario: a foreign victim who wants to go home despite a high risk gets a safety plan and an escort and is asked again, with the risk explained; IOM arranges her return
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Malika-19    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field               | value                                            |
      | return_risk_level   | high                                             |
      | return_risk_factors | ["traffickers_at_destination", "re_trafficking"] |
    # The return is planned safely, not refused by the process: she is not sent back to the options.
    Then the NGO has no task "Discuss options"
    And IOM has no task "Request travel documents from the consulate of origin"
    And IOM has a task "Plan safety measures and escort"
    When IOM completes "Plan safety measures and escort"
      | field                  | value                                          |
      | return_escort_required | true                                           |
      | return_escort_by       | iom                                            |
      | return_safety_measures | met at Tashkent airport by IOM, shelter first  |
    Then the NGO has a task "Confirm consent with the risk and safety plan explained"
    When the NGO completes "Confirm consent with the risk and safety plan explained"
      | field                          | value                                 |
      | return_risk_explained          | true                                  |
      | return_consent_confirmed       | true                                  |
      | return_consent_confirmed_by    | person                                |
      | return_consent_confirmed_notes | she wants to be with her children     |
    Then IOM has a task "Request travel documents from the consulate of origin"
    When IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    Then the NGO has a task "Discuss hand-over data with the person"
    And the case data has return_escort_by = "iom"

  @outbound
  Scenario: told of the high risk and the safety plan, a foreign victim no longer wants to return; the options are discussed again and she stays for the proceedings
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Sevara-22    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field               | value               |
      | return_risk_level   | high                |
      | return_risk_factors | ["debt"]            |
    And IOM completes "Plan safety measures and escort"
      | field                  | value                     |
      | return_escort_required | true                      |
      | return_safety_measures | escort and a safe address |
    And the NGO completes "Confirm consent with the risk and safety plan explained"
      | field                    | value |
      | return_risk_explained       | true   |
      | return_consent_confirmed    | false  |
      | return_consent_confirmed_by | person |
    Then IOM has no task "Request travel documents from the consulate of origin"
    And the NGO has a task "Discuss options"
    And the case data has return_options_repeats = 1
    When the NGO completes "Discuss options"
      | field               | value                |
      | repatriation_option | stay_for_proceedings |
    Then the case is closed with outcome "stayed_for_proceedings"

  @outbound
  Scenario: a return that goes back to the options again and again is reviewed by IOM before the options are discussed once more
    Given the parameter return_options_rounds is 1
    And a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | KZ           |
      | pseudonym               | Aruzhan-30   |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field               | value    |
      | return_risk_level   | low      |
      | return_risk_factors | ["none"] |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value   |
      | return_consulate_contact_consent | true    |
      | return_travel_document_result    | refused |
    Then the NGO has no task "Discuss options"
    And IOM has a task "Review why the return keeps not going ahead"
    When IOM tries to complete "Review why the return keeps not going ahead"
      | field                              | value |
      | return_options_review_reasons      | the consulate refused a passport |
      | return_options_review_changes      | ask the embassy in Moscow instead |
      | return_options_review_person_heard | false |
    Then the answers are refused for return_options_review_person_heard
    When IOM completes "Review why the return keeps not going ahead"
      | field                              | value |
      | return_options_review_reasons      | the consulate refused a passport |
      | return_options_review_changes      | ask the embassy in Moscow instead |
      | return_options_review_person_heard | true  |
    Then the NGO has a task "Discuss options"
    And the case data has return_options_repeats = 1

  @outbound
  Scenario: no travel document from the consulate of origin sends the person back to the options
    Given a "repatriation" case reported by the NGO
      | field                  | value    |
      | repatriation_direction | outbound |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | ngo      |
      | presumed_child         | false    |
      | citizenship            | BD       |
      | pseudonym              | Nadia-27 |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value   |
      | return_consulate_contact_consent | true    |
      | return_travel_document_result    | refused |
    Then the NGO has a task "Discuss options"
    And the NGO has no task "Discuss hand-over data with the person"
    When the NGO completes "Discuss options"
      | field                        | value            |
      | repatriation_option          | other_protection |
      | return_other_protection_type | residence_permit |
    Then the case is closed with outcome "other_protection"

  @outbound @consent
  Scenario: a foreign victim who does not agree that her consulate is contacted: nothing is requested and the options are discussed again
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilfuza-34   |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM tries to complete "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | false  |
      | return_travel_document_result    | issued |
    Then the answers are refused for return_consulate_contact_consent
    When IOM tries to complete "Request travel documents from the consulate of origin"
      | field                            | value   |
      | return_consulate_contact_consent | false   |
      | return_travel_document_result    | refused |
    Then the answers are refused for return_consulate_contact_consent
    When IOM completes "Request travel documents from the consulate of origin"
      | field                            | value         |
      | return_consulate_contact_consent | false         |
      | return_travel_document_result    | not_requested |
    Then the NGO has a task "Discuss options"
    And the NGO has no task "Discuss hand-over data with the person"
    And the case data has return_travel_document_result = "not_requested"

  @outbound @consent
  Scenario: the person refuses to have data sent abroad and returns without a hand-over
    Given a "repatriation" case reported by the NGO
      | field                  | value    |
      | repatriation_direction | outbound |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver      | ngo      |
      | presumed_child         | false    |
      | citizenship            | UZ       |
      | pseudonym              | Odina-33 |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                        | value               |
      | return_handover_data_items   | ["contact_details"] |
      | return_handover_data_consent | false               |
      | return_handover_consent_by   | person              |
    And IOM completes "Prepare reintegration plan"
      | field                               | value |
      | return_reintegration_contacts_given | true  |
    And IOM completes "Organise assisted return"
      | field                         | value |
      | return_travel_escort_provided | false |
    Then IOM has no task "Hand over to the receiving organisation"
    And the case is closed with outcome "returned_home"
    And the case data has return_handover_data_consent = false

  # ------------------------------------------------------- answers from outside (messages)

  @outbound @message
  Scenario: the travel documents arrive as a message and the case moves on
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-4    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then IOM has a task "Request travel documents from the consulate of origin"
    And the case waits for the message "travel_documents_answer"
    When the consular service sends the message "travel_documents_answer" with:
      | field                              | value        |
      | return_travel_document_result      | issued       |
      | return_travel_document_number      | UZ-TD-20417  |
      | return_travel_document_expiry_date | "2026-03-31" |
    Then IOM has no task "Request travel documents from the consulate of origin"
    And the NGO has a task "Discuss hand-over data with the person"
    And the case does not wait for the message "travel_documents_answer"
    And the case data has return_travel_document_result = "issued"
    And the case data has return_travel_document_expiry_date = "2026-03-31"

  # ---------------------------------------------------------------- contact lost (4B beside SOP 3)

  @outbound @message @contact
  Scenario: a foreign victim nobody can reach any more is not returned on what was arranged: the return stops with the reason, and those already contacted abroad are told it is on hold, nothing more
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-5    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service sends the message "travel_documents_answer" with:
      | field                              | value        |
      | return_travel_document_result      | issued       |
      | return_travel_document_number      | UZ-TD-20418  |
      | return_travel_document_expiry_date | "2026-03-31" |
    Then the NGO has a task "Discuss hand-over data with the person"
    And the case waits for the message "contact_lost"
    When the NGO sends the message "contact_lost" with:
      | field                      | value                                                 |
      | contact_lost_date          | "2025-12-20"                                          |
      | contact_lost_circumstances | "left the shelter on Friday and did not come back"    |
    Then the NGO has no task "Discuss hand-over data with the person"
    And IOM has a task "Put the return on hold and tell those already contacted"
    And the case data has repatriation_outcome = "lost_contact"
    When IOM tries to complete "Put the return on hold and tell those already contacted"
      | field                         | value                     |
      | return_hold_told              | ["consulate_of_origin"]   |
      | return_hold_nothing_more_sent | false                     |
    Then the answers are refused for return_hold_nothing_more_sent
    When IOM completes "Put the return on hold and tell those already contacted"
      | field                         | value                   |
      | return_hold_told              | ["consulate_of_origin"] |
      | return_hold_nothing_more_sent | true                    |
    Then the case is closed with outcome "lost_contact"
    And the case data has contact_lost_circumstances = "left the shelter on Friday and did not come back"

  @outbound @message @contact
  Scenario: contact lost during the reflection period, before anything was arranged, stops the return with the reason and asks nothing more
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-6    |
    When the NGO sends the message "contact_lost" with:
      | field                      | value                       |
      | contact_lost_date          | "2025-11-25"                |
      | contact_lost_circumstances | "phone off since Tuesday"   |
    Then the case is closed with outcome "lost_contact"
    And IOM has no open tasks
    And the social services has no open tasks

  @outbound @message @contact @child
  Scenario: a foreign child who lost contact during a return that runs without rehabilitation beside it is reported missing at once
    Given a "repatriation" case reported by the child-protection body
      | field                   | value            |
      | repatriation_direction  | outbound         |
      | reasonable_grounds_date | "2025-11-01"     |
      | referral_receiver       | child_protection |
      | presumed_child          | true             |
      | age                     | 15               |
      | citizenship             | KZ               |
      | pseudonym               | Aruzhan-15       |
    When the child-protection body sends the message "contact_lost" with:
      | field                      | value                                 |
      | contact_lost_date          | "2025-11-10"                          |
      | contact_lost_circumstances | "did not come back from school"       |
    Then the social services has a task "Report the missing child and alert child protection"
    And the task "Report the missing child and alert child protection" is due in 2 hours
    And the child-protection body has no task "Explain rights and the reflection period"
    When the social services completes "Report the missing child and alert child protection"
      | field                            | value                  |
      | missing_child_reported_police    | true                   |
      | missing_child_protection_alerted | true                   |
    Then the case is closed with outcome "lost_contact"

  @inbound @message @contact
  Scenario: a Kyrgyz citizen abroad who disappears before her flight home is searched for there, not closed as "not returned"; found, her return goes on where it was
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Aigul-31 |
    When the consular service completes "Consular interview"
      | field                        | value             |
      | return_contact_channel       | ngo               |
      | return_country_of_stay       | RU                |
      | return_citizenship_evidence  | ["kg_id_card"]    |
      | return_citizenship_confirmed | true              |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    Then IOM has a task "Organise travel and escort"
    When the consular service sends the message "contact_lost" with:
      | field                      | value                                      |
      | contact_lost_date          | "2026-01-04"                               |
      | contact_lost_circumstances | "left the shelter in Moscow, phone off"    |
    # Abroad the consular service asks the police there to search; nobody at home is asked to.
    Then IOM has no task "Organise travel and escort"
    And the consular service has a task "Ask the authorities of the country of stay to search"
    And the task "Ask the authorities of the country of stay to search" is due in 2 hours
    And the social services has no open tasks
    And the case is open
    When the consular service completes "Ask the authorities of the country of stay to search"
      | field                        | value                               |
      | return_search_requested_from | Police, Khamovniki district, Moscow |
    Then the consular service has a task "Search for the person abroad"
    When 10 days pass
    And the consular service completes "Search for the person abroad"
      | field                   | value                          |
      | return_found_safe_place | back in the shelter in Moscow  |
      | return_found_by         | partner                        |
    # Found: the interview stands; she is asked again whether she still wants to go home.
    Then the consular service has no task "Consular interview"
    And the consular service has a task "Informed consent to return"
    And the case data has return_contact_restored = true
    When the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
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
    Then the case is closed with outcome "arrived_home"

  @inbound @message @contact @child
  Scenario: a Kyrgyz girl who runs away from a shelter abroad is searched for there with child protection; not found within the search period, her return stops as "contact lost", never as "not returned"
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Ainura-31 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    Then the consular service has a task "Informed consent to return"
    When the consular service sends the message "contact_lost" with:
      | field                      | value                                           |
      | contact_lost_date          | "2026-01-05"                                    |
      | contact_lost_circumstances | "ran away from the shelter in Moscow at night"  |
    Then the consular service has a task "Ask the authorities of the country of stay to search"
    And the task "Ask the authorities of the country of stay to search" is due in 2 hours
    And the social services has no task "Report the missing child and alert child protection"
    When the consular service tries to complete "Ask the authorities of the country of stay to search"
      | field                        | value                               |
      | return_search_requested_from | Police, Khamovniki district, Moscow |
    Then the answers are refused for return_search_host_child_protection, return_search_child_protection_alerted
    When the consular service completes "Ask the authorities of the country of stay to search"
      | field                                  | value                               |
      | return_search_requested_from           | Police, Khamovniki district, Moscow |
      | return_search_host_child_protection    | true                                |
      | return_search_child_protection_alerted | true                                |
    Then the consular service has a task "Search for the person abroad"
    When 29 days pass
    Then the case is open
    When 2 days pass
    Then the case is closed with outcome "lost_contact"
    And the case data has no purge_personal_data

  @outbound @message
  Scenario: IOM records the departure with the message "person_departed", which the rehabilitation beside also receives; the return goes on to the hand-over
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-7    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                           |
      | return_receiving_organisation | IOM Tashkent reintegration desk |
      | return_receiving_country      | UZ                              |
      | return_handover_data_items    | ["contact_details"]             |
      | return_handover_data_consent  | true                            |
      | return_handover_consent_by    | person                          |
    And IOM completes "Prepare reintegration plan"
    Then IOM has a task "Organise assisted return"
    And the case waits for the message "person_departed"
    And the NGO cannot send the message "person_departed"
    When IOM sends the message "person_departed" with:
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-20" |
      | return_travel_mode            | air          |
      | return_travel_arrival_point   | Tashkent     |
      | return_travel_escort_provided | false        |
    Then IOM has no task "Organise assisted return"
    And IOM has a task "Hand over to the receiving organisation"
    And the case data has return_travel_departure_date = "2026-01-20"

  @outbound @consent @message
  Scenario: a foreign victim who has already left for home and then withdraws her consent is recorded as returned home, with no hand-over data sent, and is not taken through 4B again
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Feruza-32    |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                           |
      | return_receiving_organisation | IOM Tashkent reintegration desk |
      | return_receiving_country      | UZ                              |
      | return_handover_data_items    | ["contact_details"]             |
      | return_handover_data_consent  | true                            |
      | return_handover_consent_by    | person                          |
    And IOM completes "Prepare reintegration plan"
    And IOM sends the message "person_departed" with:
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-20" |
      | return_travel_mode            | air          |
      | return_travel_arrival_point   | Tashkent     |
      | return_travel_escort_provided | false        |
    Then IOM has a task "Hand over to the receiving organisation"
    # Back in Tashkent she tells the NGO by phone she wants no data sent to the reintegration centre and nothing more.
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_withdrawn_on         | "2026-01-21"       |
      | consent_still_agrees_to_help | false              |
    # She has gone home: the return is not started again (review 5, R5-7).
    Then IOM has no task "Hand over to the receiving organisation"
    And the NGO has no task "Explain rights and the reflection period"
    And the case is closed with outcome "returned_home"
    And the case data has return_handover_data_consent = false

  @outbound @message
  Scenario: while her rehabilitation runs beside the return, IOM cannot record the departure by completing "Organise assisted return", which would leave the rehabilitation running for a person who left; the message "person_departed" records it and closes both
    Given a "repatriation" case reported by the NGO
      | field                        | value        |
      | repatriation_direction       | outbound     |
      | reasonable_grounds_date      | "2025-11-20" |
      | referral_receiver            | ngo          |
      | presumed_child               | false        |
      | citizenship                  | UZ           |
      | return_beside_rehabilitation | true         |
      | pseudonym                    | Dilnoza-8    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And IOM completes "Request travel documents from the consulate of origin"
      | field                            | value  |
      | return_consulate_contact_consent | true   |
      | return_travel_document_result    | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                           |
      | return_receiving_organisation | IOM Tashkent reintegration desk |
      | return_receiving_country      | UZ                              |
      | return_handover_data_items    | ["contact_details"]             |
      | return_handover_data_consent  | true                            |
      | return_handover_consent_by    | person                          |
    And IOM completes "Prepare reintegration plan"
    And IOM tries to complete "Organise assisted return"
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-05" |
      | return_travel_mode            | air          |
      | return_travel_arrival_point   | Tashkent     |
      | return_travel_escort_provided | false        |
    Then the answers are refused for return_beside_rehabilitation
    And IOM has a task "Organise assisted return"
    When IOM sends the message "person_departed" with:
      | field                         | value        |
      | return_travel_departure_date  | "2026-01-05" |
      | return_travel_mode            | air          |
      | return_travel_arrival_point   | Tashkent     |
      | return_travel_escort_provided | false        |
    Then IOM has no task "Organise assisted return"
    And IOM has a task "Hand over to the receiving organisation"

  @outbound @message
  Scenario: a message from the wrong agency is refused
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dilnoza-5    |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    Then IOM cannot send the message "travel_documents_answer"
    # Not waited for yet: the return risk is not assessed.
    And the consular service cannot send the message "travel_documents_answer"
    When IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then IOM cannot send the message "travel_documents_answer"
    And the NGO cannot send the message "travel_documents_answer"
    And IOM has a task "Request travel documents from the consulate of origin"
    When the consular service sends the message "travel_documents_answer" with:
      | field                         | value   |
      | return_travel_document_result | refused |
    Then IOM has no task "Request travel documents from the consulate of origin"
    And the NGO has a task "Discuss options"

  # ---------------------------------------------------------------- consent withdrawn (both directions)

  @outbound @consent @message
  Scenario: a foreign victim withdraws consent during the reflection period and no return is arranged on it
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2026-01-02" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Madina-9     |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    Then the case waits for the message "consent_withdrawn"
    And the police cannot send the message "consent_withdrawn"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value               |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_withdrawn_on         | 2026-01-08          |
      | consent_withdrawn_from       | ["consular", "iom"] |
      | consent_still_agrees_to_help | true                |
    Then the case is closed with outcome "consent_withdrawn"
    And IOM has no open tasks
    And the NGO has no task "Discuss options"
    And the case data has consent_withdrawn_on = "2026-01-08"
    And the case data has consent_withdrawn_from = ["consular", "iom"]
    # The reflection period is kept as noted; help goes on in Kyrgyzstan (rehabilitation).
    And the case data has return_reflection_ends = "2026-02-01"
    And the case data has no purge_personal_data

  @outbound @consent @message
  Scenario: a foreign victim withdraws all consent while travel documents are requested and only an anonymous notification is kept
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | TJ           |
      | pseudonym               | Zebo-6       |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then IOM has a task "Request travel documents from the consulate of origin"
    When IOM sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2025-12-29         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    Then IOM has no task "Request travel documents from the consulate of origin"
    And the case does not wait for the message "travel_documents_answer"
    And IOM has no open tasks
    And the NGO has no open tasks
    And the case is closed with outcome "consent_withdrawn"
    And the case data has purge_personal_data = true

  @inbound @consent @message
  Scenario: a citizen abroad withdraws consent before travelling and is referred to help there instead
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Elnura-22 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | ngo             |
      | return_country_of_stay       | RU              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    Then IOM has a task "Organise travel and escort"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_withdrawn_on         | 2026-01-12 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true       |
    Then IOM has no task "Organise travel and escort"
    And the social services has no task "Receive at home"
    And the consular service has a task "Refer to assistance in the country of stay"
    And the case is open
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                     |
      | return_abroad_organisation | Crisis centre Moscow      |
      | return_abroad_help         | ["shelter", "legal_aid"]  |
      | return_abroad_data_consent | true                      |
    Then the consular service has no open tasks
    And the case is closed with outcome "consent_withdrawn"
    And the case data has return_abroad_organisation = "Crisis centre Moscow"
    And the case data has no purge_personal_data

  @inbound @consent @message
  Scenario: a citizen abroad who withdraws her consent to help, not to the return, still goes home: she wants no shelter and no social services, only to go home
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Elnura-23 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | ngo             |
      | return_country_of_stay       | RU              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_on         | 2026-01-12 |
      | consent_still_agrees_to_help | false      |
    # Only help is withdrawn: the return she still wants goes on (review 5, R5-9).
    Then IOM has a task "Organise travel and escort"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the case is open
    And the case data has consent_withdrawn_scope = ["help"]
    When IOM completes "Organise travel and escort"
      | field                         | value              |
      | return_travel_escort_provided | false              |
      | return_travel_arrival_at      | "2026-01-06T07:40" |
    And the social services completes "Receive at home"
    Then the case is closed with outcome "arrived_home"
    And the case data has no purge_personal_data

  @inbound @child @consent @message
  Scenario: a child's guardian withdraws consent to help, not to the return: child protection keeps the child protected and the return goes on with its best-interests decision
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Ainura-19 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_by         | guardian   |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has a task "Keep the child protected after consent to help was withdrawn"
    And the child-protection body has a task "Best-interests decision and family assessment"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent to help was withdrawn"
      | field                          | value                            |
      | child_withdrawal_responsible   | Child protection service, Moscow |
      | child_withdrawal_care          | shelter                          |
      | child_withdrawal_guardian_kept | true                             |
      | child_withdrawal_contact_plan  | weekly call with the shelter     |
    Then the child-protection body has a task "Best-interests decision and family assessment"
    And the case is open

  @inbound @child @consent @message
  Scenario: a father who withdraws his daughter's consent to help, not to the return, and does not stay her guardian is replaced before the return goes on with him as the guardian
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Ainura-20 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Bolot Usenov                     |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help"]   |
      | consent_withdrawn_by         | guardian   |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent to help was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | false                            |
      | child_withdrawal_withdrawer_suspected | true                             |
      | child_withdrawal_contact_plan         | weekly call with the shelter     |
    # He sent her to Moscow: another guardian before the return goes on (review 6, R6-1; rule 8).
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                   |
      | child_new_guardian_name     | Gulmira Usenova         |
      | child_new_guardian_relation | relative                |
      | child_new_guardian_date     | "2026-01-10"            |
      | child_suspect_kept_away     | true                    |
      | child_suspicion_told_police | true                    |
    Then the case data has child_guardian_name = "Gulmira Usenova"
    And the case data has child_guardian_suspected_name = "Bolot Usenov"
    And the child-protection body has a task "Best-interests decision and family assessment"
    And the case is open

  @inbound @consent @message
  Scenario: a citizen who withdraws her consent after departure, on arrival, gets the help she still wants at home, not a hand-over to the country she has left, and her case stays "returned"
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Elnura-23 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | ngo             |
      | return_country_of_stay       | RU              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_mode            | air   |
      | return_travel_escort_provided | false |
    Then the social services has a task "Receive at home"
    # She has landed; at the airport she says she does not want "the programme".
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-12         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | true               |
    Then the social services has no task "Receive at home"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the case is closed with outcome "arrived_home"
    And the case data has return_receiving_agency = "social"
    And the case data has consent_withdrawn_on = "2026-01-12"
    And the case data has no purge_personal_data

  @inbound @consent @message
  Scenario: a citizen who withdraws all consent on arrival and wants no help is told where help is later and keeps only an anonymous notification at home; her case stays "returned"
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | false     |
      | pseudonym              | Elnura-24 |
    When the consular service completes "Consular interview"
      | field                        | value           |
      | return_contact_channel       | ngo             |
      | return_country_of_stay       | RU              |
      | return_citizenship_evidence  | ["kg_passport"] |
      | return_citizenship_confirmed | true            |
    And the consular service completes "Informed consent to return"
      | field                 | value   |
      | return_consent_given  | true    |
      | return_consent_by     | person  |
      | return_consent_method | written |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value |
      | return_travel_mode            | air   |
      | return_travel_escort_provided | false |
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-12         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    Then the consular service has no task "Refer to assistance in the country of stay"
    # Before only an anonymous notification is kept, she is told where help is if she wants it later (review 5, R5-11).
    And the social services has a task "Tell the person where to get help"
    And the case is open
    When the social services completes "Tell the person where to get help"
      | field                        | value      |
      | return_help_information_how  | in_person  |
    Then the case is closed with outcome "arrived_home"
    And the case data has purge_personal_data = true
    And the case data has return_help_information_given = true

  @inbound @child @consent @message
  Scenario: a 16-year-old who lands in Bishkek and at the airport says she does not want "the programme" stays protected by the child-protection body at home; her case stays "returned"
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 16        |
      | pseudonym              | Farida-17 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                             |
      | child_protection_officer     | A. Sydykova                       |
      | child_abroad_host_protection | Child protection service, Moscow  |
      | child_abroad_safe_now        | true                              |
      | child_guardian_name          | Zarina Abdyldaeva                 |
      | child_guardian_relation      | appointed_guardian                |
      | child_guardian_suspected     | false                             |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                          |
      | return_consent_given | true                           |
      | return_consent_by    | legal_representative           |
      | return_child_views   | wants to go home to her mother |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value            |
      | return_family_traced           | true             |
      | return_family_assessment       | suitable         |
      | return_best_interests_decision | return_to_family |
    And the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                              |
      | child_handover_arranged      | true                               |
      | child_handover_receiver_kind | child_protection_body              |
      | child_handover_receiver      | Osh city child-protection, officer |
      | child_handover_place         | Manas airport, arrivals            |
      | child_handover_escort        | IOM escort and the guardian        |
      | child_handover_date          | "2026-02-02"                       |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value              |
      | return_travel_arrival_point   | Manas airport, arrivals |
      | return_travel_escort_provided | true               |
      | return_travel_arrival_at      | "2026-02-02T07:40" |
    Then the child-protection body has a task "Receive the child at home"
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_by | child |
      | consent_withdrawn_on         | 2026-02-02         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                   |
      | child_withdrawal_responsible   | Osh city child-protection               |
      | child_withdrawal_care          | family                                  |
      | child_withdrawal_guardian_kept | true                                    |
      | child_withdrawal_contact_plan  | weekly visit by the child-protection officer |
    Then the child-protection body has no task "Hand over the child's protection in the country of stay"
    And the case is closed with outcome "arrived_home"
    And the case data has return_receiving_agency = "child_protection"
    And the case data has no purge_personal_data

  @inbound @child @consent @message
  Scenario: a child's guardian withdraws consent to the return and the child-protection body keeps protecting the child
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 16        |
      | pseudonym              | Ainura-16 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Zarina Abdyldaeva                |
      | child_guardian_relation      | appointed_guardian               |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
      | return_child_views   | wants to stay with her guardian here |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    Then the child-protection body has a task "Best-interests decision and family assessment"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_withdrawn_by | guardian |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has no task "Best-interests decision and family assessment"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    And the consular service has no task "Issue certificate of return"
    And the case is open
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                                |
      | child_withdrawal_withdrawer_suspected | false |
      | child_withdrawal_responsible   | Child protection service, Moscow     |
      | child_withdrawal_care          | shelter                              |
      | child_withdrawal_guardian_kept | true                                 |
      | child_withdrawal_contact_plan  | weekly call with the shelter and the guardian |
    # Before the return stops, child protection decides whether that is in her best interests (issue 16, third review).
    Then the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    And the child-protection body has no task "Hand over the child's protection in the country of stay"
    And the case is open
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value |
      | child_withdrawal_best_interests             | services_end |
      | child_withdrawal_best_interests_child_views | wants to stay with her guardian here |
      | child_withdrawal_best_interests_basis       | stable care with the guardian; family not assessed |
      | child_withdrawal_best_interests_date        | "2026-01-05" |
    # The child stays abroad: her protection is handed over there, as on every path where a child stays abroad.
    Then the child-protection body has a task "Hand over the child's protection in the country of stay"
    And the case is open
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                            |
      | child_abroad_responsible        | Child protection service, Moscow |
      | child_abroad_care               | shelter                          |
      | child_abroad_guardian_confirmed | true                             |
      | child_abroad_contact_plan       | monthly report from Moscow       |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data

  @inbound @child @consent @message
  Scenario: a father who is not suspected withdraws his daughter's consent to return; child protection decides the return goes on, so the consent is not asked of him again: the guardianship authority decides, and his position is recorded as his views
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 14        |
      | pseudonym              | Ainura-17 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Talant Abdyldaev                 |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-09         |
      | consent_withdrawn_by         | guardian           |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | true                             |
      | child_withdrawal_withdrawer_suspected | false                            |
      | child_withdrawal_contact_plan         | weekly call with the shelter     |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value             |
      | child_withdrawal_best_interests             | services_continue |
      | child_withdrawal_best_interests_child_views | wants to go home to her grandmother |
      | child_withdrawal_best_interests_basis       | the family at home is assessed safe; staying in a Moscow shelter is not |
      | child_withdrawal_best_interests_date        | "2026-01-05"      |
    # The father who withdrew is still the guardian: the consent is not asked of him again (review 5, R5-2);
    # child protection first records who decides for the child now.
    Then the child-protection body has a task "Record who decides for the child now"
    # a guardianship authority or a court decides in days, not hours (review 6, R6-15)
    And the task "Record who decides for the child now" is due in 10 working days
    And the consular service has no task "Informed consent to return"
    When the child-protection body completes "Record who decides for the child now"
      | field                            | value                                 |
      | child_return_decided_by          | authority_decision                    |
      | child_return_authority           | guardianship_authority                |
      | child_return_authority_reference | Osh city guardianship authority, No. 14-2026 |
      | child_return_authority_date      | "2026-01-05"                          |
      | child_withdrawer_views           | against the return: wants her to keep working in Moscow |
    Then the case data has consent_withdrawn_guardian_name = "Talant Abdyldaev"
    And the case data has child_return_decided_by = "authority_decision"
    And the consular service has a task "Informed consent to return"
    When the consular service completes "Informed consent to return"
      | field                | value                                    |
      | return_consent_given | true                                     |
      | return_child_views   | wants to go home to her grandmother      |
    Then IOM has a task "Assess return risk"
    And the consular service has no task "Refer to assistance in the country of stay"

  @inbound @child @consent @message
  Scenario: after the guardianship authority decided that a child's return goes on, the consent is confirmed with the authority's decision, not with the father who withdrew, and a no goes to child protection's best-interests decision, not to a referral abroad
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 14        |
      | pseudonym              | Ainura-18 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Talant Abdyldaev                 |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value            |
      | return_consent_given | true             |
      | return_child_views   | wants to go home |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-09         |
      | consent_withdrawn_by         | guardian           |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | true                             |
      | child_withdrawal_withdrawer_suspected | false                            |
      | child_withdrawal_contact_plan         | weekly call with the shelter     |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value             |
      | child_withdrawal_best_interests             | services_continue |
      | child_withdrawal_best_interests_child_views | wants to go home to her grandmother |
      | child_withdrawal_best_interests_basis       | the family at home is assessed safe; staying in a Moscow shelter is not |
      | child_withdrawal_best_interests_date        | "2026-01-05"      |
    # The father who withdrew is still the guardian: the consent is not asked of him again (review 5, R5-2);
    # child protection first records who decides for the child now.
    Then the child-protection body has a task "Record who decides for the child now"
    And the consular service has no task "Informed consent to return"
    When the child-protection body completes "Record who decides for the child now"
      | field                            | value                                 |
      | child_return_decided_by          | authority_decision                    |
      | child_return_authority           | guardianship_authority                |
      | child_return_authority_reference | Osh city guardianship authority, No. 14-2026 |
      | child_return_authority_date      | "2026-01-05"                          |
      | child_withdrawer_views           | against the return: wants her to keep working in Moscow |
    Then the case data has consent_withdrawn_guardian_name = "Talant Abdyldaev"
    And the case data has child_return_decided_by = "authority_decision"
    And the consular service has a task "Informed consent to return"
    When the consular service completes "Informed consent to return"
      | field                | value                               |
      | return_consent_given | false                               |
      | return_child_views   | wants to go home to her grandmother |
    Then the case data has return_consent_by = "authority"
    And IOM has a task "Assess return risk"
    And the consular service has no task "Refer to assistance in the country of stay"
    When IOM completes "Assess return risk"
      | field               | value               |
      | return_risk_level   | high                |
      | return_risk_factors | ["family_involved"] |
    And IOM completes "Plan safety measures and escort"
      | field                  | value                             |
      | return_escort_required | true                              |
      | return_escort_by       | iom                               |
      | return_safety_measures | the father is not told the flight |
    Then the consular service has a task "Confirm consent with the risk and safety plan explained"
    # The consent is the authority's decision (review 6, R6-2): never confirmed with the father who withdrew.
    And the case data has return_consent_confirmed_guardian = "Osh city guardianship authority, No. 14-2026"
    When the consular service completes "Confirm consent with the risk and safety plan explained"
      | field                                | value                               |
      | return_risk_explained                | true                                |
      | return_consent_confirmed             | false                               |
      | return_consent_confirmed_child_views | wants to go home to her grandmother |
      | return_consent_confirmed_notes       | the father says no again            |
    Then the case data has return_consent_confirmed_by = "authority"
    And the child-protection body has a task "Best-interests decision and family assessment"
    And the consular service has no task "Refer to assistance in the country of stay"
    And the case is open

  @inbound @child @consent @message
  Scenario: a guardian who withdraws a child's consent and does not stay appointed is replaced before the return ends, even when not suspected
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 13        |
      | pseudonym              | Ainura-13 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Aigul Bekova                     |
      | child_guardian_relation      | relative                         |
      | child_guardian_suspected     | false                            |
    And the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-09         |
      | consent_withdrawn_by         | guardian           |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | false                            |
      | child_withdrawal_withdrawer_suspected | false                            |
      | child_withdrawal_contact_plan         | weekly call with the shelter     |
    # The guardian does not stay: another is appointed before anything ends on the withdrawal (review 5, R5-2).
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Decide whether the withdrawal is in the child's best interests"

  @inbound @child @consent @message
  Scenario: a father not yet suspected (the trafficking is by "an uncle") withdraws his daughter's consent to return; the child-protection body finds him suspected and appoints another guardian before the return ends
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Ainura-15 |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Bakyt Osmonov                    |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | false                            |
    And the consular service completes "Consular interview"
      | field                        | value                 |
      | return_contact_channel       | foreign_authority     |
      | return_country_of_stay       | RU                    |
      | return_citizenship_evidence  | ["birth_certificate"] |
      | return_citizenship_confirmed | true                  |
    And the consular service completes "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
      | return_child_views   | wants to go home     |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2026-01-09         |
      | consent_withdrawn_by         | guardian           |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | false                            |
      | child_withdrawal_withdrawer_suspected | true                             |
      | child_withdrawal_contact_plan         | weekly call with the shelter     |
    # The father who withdrew is suspected: the return does not end on his word before another guardian is appointed.
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Hand over the child's protection in the country of stay"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value                         |
      | child_new_guardian_name     | Gulnara Toktosunova           |
      | child_new_guardian_relation | appointed_guardian            |
      | child_new_guardian_date     | "2026-01-10"                  |
      | child_suspect_kept_away     | true                          |
      | child_suspicion_told_police | true                          |
    Then the case data has child_guardian_name = "Gulnara Toktosunova"
    And the case data has child_guardian_suspected_name = "Bakyt Osmonov"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                                  |
      | child_withdrawal_responsible          | Child protection service, Moscow       |
      | child_withdrawal_care                 | shelter                                |
      | child_withdrawal_guardian_kept        | true                                   |
      | child_withdrawal_withdrawer_suspected | true                                   |
      | child_withdrawal_contact_plan         | weekly call with the shelter and the new guardian |
    # A suspect's withdrawal is not acted on: the return cannot be ended on it.
    Then the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value |
      | child_withdrawal_best_interests             | services_end |
      | child_withdrawal_best_interests_child_views | wants to go home |
      | child_withdrawal_best_interests_basis       | the father asked |
      | child_withdrawal_best_interests_date        | "2026-01-05" |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value |
      | child_withdrawal_best_interests             | services_continue |
      | child_withdrawal_best_interests_child_views | wants to go home |
      | child_withdrawal_best_interests_basis       | the withdrawal came from a suspect; the new guardian agrees to the return |
      | child_withdrawal_best_interests_date        | "2026-01-05" |
    # The return goes on where it was: the consular interview and her citizenship stand (issue 16),
    # the consent is asked again of the guardian appointed instead.
    Then the child-protection body has no task "Hand over the child's protection in the country of stay"
    And the case is open
    And the case data has return_child_withdrawal_not_acted_on = true
    And the case data has consent_withdrawn_by = "guardian"
    And the consular service has no task "Consular interview"
    And the child-protection body has no task "Protect the child abroad and appoint a guardian"
    And the consular service has a task "Informed consent to return"
    When the consular service completes "Informed consent to return"
      | field                | value                               |
      | return_consent_given | true                                |
      | return_child_views   | wants to go home, with her guardian |
    Then IOM has a task "Assess return risk"
    And the case data has return_consent_by = "legal_representative"
    When IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value                 |
      | return_family_traced           | true                  |
      | return_family_assessment       | unsuitable            |
      | return_best_interests_decision | return_to_alternative_care |
      | return_alternative_care_placement | Osh children's centre |
      | return_alternative_care_assessed  | true               |
    And the child-protection body completes "Arrange the child's hand-over on arrival"
      | field                        | value                              |
      | child_handover_arranged      | true                               |
      | child_handover_receiver_kind | child_protection_body              |
      | child_handover_receiver      | Osh city child-protection, officer |
      | child_handover_place         | Manas airport, arrivals            |
      | child_handover_escort        | IOM escort and the guardian        |
      | child_handover_date          | "2026-02-02"                       |
    And the consular service completes "Issue certificate of return"
    And IOM completes "Organise travel and escort"
      | field                         | value              |
      | return_travel_arrival_point   | Manas airport, arrivals |
      | return_travel_escort_provided | true               |
      | return_travel_arrival_at      | "2026-02-02T07:40" |
    And the child-protection body completes "Receive the child at home"
      | field                          | value                |
      | return_reception_by            | ["child_protection"] |
      | return_reception_accommodation | alternative_care     |
    Then the case is closed with outcome "arrived_home"

  @inbound @child @consent @message
  Scenario: a child's withdrawal is not taken without recording who withdrew it (the child, the guardian or someone else)
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Ainura-14 |
    When the consular service tries to send the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_still_agrees_to_help | false      |
    Then the answers are refused for consent_withdrawn_by
    And the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"

  @outbound @message
  Scenario: the receiving organisation's confirmation of the hand-over arrives as a message
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | KZ           |
      | pseudonym               | Aliya-31     |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM completes "Assess return risk"
      | field             | value |
      | return_risk_level | low   |
    And the consular service sends the message "travel_documents_answer" with:
      | field                         | value  |
      | return_travel_document_result | issued |
    And the NGO completes "Discuss hand-over data with the person"
      | field                         | value                         |
      | return_receiving_organisation | IOM Almaty reintegration desk |
      | return_receiving_country      | KZ                            |
      | return_handover_data_items    | ["contact_details"]           |
      | return_handover_data_consent  | true                          |
      | return_handover_consent_by    | person                        |
    And IOM completes "Prepare reintegration plan"
    And IOM completes "Organise assisted return"
      | field                         | value |
      | return_travel_mode            | road  |
      | return_travel_escort_provided | false |
    Then IOM has a task "Hand over to the receiving organisation"
    And the case waits for the message "handover_confirmed"
    And the NGO cannot send the message "handover_confirmed"
    When IOM sends the message "handover_confirmed" with:
      | field                        | value                        |
      | return_handover_date         | 2026-01-12                   |
      | return_handover_confirmed    | true                         |
      | return_handover_confirmed_by | A. Nurlanovna, case manager  |
    Then IOM has no task "Hand over to the receiving organisation"
    And the case is closed with outcome "returned_home"
    And the case data has return_handover_confirmed_by = "A. Nurlanovna, case manager"

  # ---------------------------------------------------------------- review 2: the child's views, data abroad, lists that say "none"

  @outbound @child
  Scenario: a foreign child's choice among the options is not recorded without the child's views
    Given a "repatriation" case reported by the child-protection body
      | field                   | value            |
      | repatriation_direction  | outbound         |
      | reasonable_grounds_date | "2025-11-01"     |
      | referral_receiver       | child_protection |
      | presumed_child          | true             |
      | age                     | 14               |
      | citizenship             | TJ               |
      | pseudonym               | Nigina-14        |
    When the child-protection body completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the child-protection body tries to complete "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    Then the answers are refused for repatriation_option_child_views
    And IOM has no task "Assess return risk"
    When the child-protection body completes "Discuss options"
      | field                           | value                          |
      | repatriation_option             | voluntary_return               |
      | repatriation_option_child_views | wants to see her mother again  |
    Then IOM has a task "Assess return risk"
    And the case data has repatriation_option_child_views = "wants to see her mother again"

  @inbound @child
  Scenario: a child's consent to return home is not recorded without the child's own views
    Given a "repatriation" case reported by the consular service
      | field                  | value   |
      | repatriation_direction | inbound |
      | presumed_child         | true    |
      | age                    | 12      |
      | pseudonym              | Ainura-12 |
      | child_abroad_notified_date | "2026-01-05" |
      | child_guardian_suspected   | false |
    When the consular service completes "Consular interview"
      | field                        | value |
      | return_country_of_stay       | RU    |
      | return_citizenship_confirmed | true  |
    And the consular service tries to complete "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
    Then the answers are refused for return_child_views
    And IOM has no task "Assess return risk"
    When the consular service completes "Informed consent to return"
      | field                | value                |
      | return_consent_given | true                 |
      | return_consent_by    | legal_representative |
      | return_child_views   | wants to live with her aunt in Osh |
    Then IOM has a task "Assess return risk"

  @inbound
  Scenario: a citizen abroad who does not agree that her details are passed on is not recorded as taken on by the organisation there
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Elnura-5 |
    When the consular service completes "Consular interview"
      | field                        | value |
      | return_country_of_stay       | AE    |
      | return_citizenship_confirmed | true  |
    And the consular service completes "Informed consent to return"
      | field                 | value  |
      | return_consent_given  | false  |
      | return_consent_by     | person |
    And the consular service tries to complete "Refer to assistance in the country of stay"
      | field                      | value                  |
      | return_abroad_organisation | Ansar shelter, Dubai   |
      | return_abroad_data_consent | false                  |
      | return_abroad_outcome      | taken_on               |
    Then the answers are refused for return_abroad_outcome
    When the consular service completes "Refer to assistance in the country of stay"
      | field                      | value                  |
      | return_abroad_organisation | Ansar shelter, Dubai   |
      | return_abroad_data_consent | false                  |
      | return_abroad_outcome      | contacts_given         |
    Then the case is closed with outcome "return_declined"
    And the case data has return_abroad_outcome = "contacts_given"

  @outbound @consent @message
  Scenario: the social services, whom the person told, record her withdrawal of consent to the return
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2026-01-02" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Dildora-3    |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the social services sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_withdrawn_scope      | ["return"] |
      | consent_still_agrees_to_help | true       |
    Then the case is closed with outcome "consent_withdrawn"
    And the NGO has no task "Discuss options"

  @outbound
  Scenario: a return risk assessment with no box ticked is refused; "no risk factors found" is an answer of its own, never beside a factor
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-01" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | KZ           |
      | pseudonym               | Gulzat-8     |
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | true  |
      | return_reflection_waived           | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And IOM tries to complete "Assess return risk"
      | field               | value |
      | return_risk_level   | low   |
      | return_risk_factors | []    |
    Then the answers are refused for return_risk_factors
    When IOM tries to complete "Assess return risk"
      | field               | value              |
      | return_risk_level   | low                |
      | return_risk_factors | ["none", "stigma"] |
    Then the answers are refused for return_risk_factors
    When IOM completes "Assess return risk"
      | field               | value    |
      | return_risk_level   | low      |
      | return_risk_factors | ["none"] |
    Then IOM has a task "Request travel documents from the consulate of origin"
    And the case data has return_risk_factors = ["none"]

  @outbound @reflection
  Scenario: a waiver of the reflection period is refused until the person was told her rights and the thirty days
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-01" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | KZ           |
      | pseudonym               | Gulzat-9     |
    When the NGO tries to complete "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | false        |
      | return_reflection_waived           | true         |
      | return_reflection_waiver_date      | "2025-11-02" |
      | return_reflection_waiver_reference | "W-1"        |
    Then the answers are refused for return_reflection_rights_explained
    When the NGO completes "Explain rights and the reflection period"
      | field                              | value        |
      | return_reflection_rights_explained | true         |
      | return_reflection_waived           | true         |
      | return_reflection_waiver_date      | "2025-11-02" |
      | return_reflection_waiver_reference | "W-1"        |
    Then the NGO has a task "Discuss options"

  @outbound @consent
  Scenario: rights not yet explained are not passed over in silence: why, and when and how they will be, is recorded while the reflection period runs
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2026-01-02" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | AF           |
      | pseudonym               | Mariam-3     |
    When the NGO tries to complete "Explain rights and the reflection period"
      | field                              | value |
      | return_reflection_rights_explained | false |
      | return_reflection_waived           | false |
    Then the answers are refused for return_reflection_not_explained_reason, return_reflection_explain_plan
    When the NGO completes "Explain rights and the reflection period"
      | field                                   | value                                           |
      | return_reflection_rights_explained      | false                                           |
      | return_reflection_waived                | false                                           |
      | return_reflection_not_explained_reason  | "no Dari interpreter available this week"       |
      | return_reflection_explain_plan          | "12 January with the Dari interpreter from IOM" |
    Then the NGO has no task "Discuss options"
    And the case data has return_reflection_explain_plan = "12 January with the Dari interpreter from IOM"
    # The plan becomes a step: the receiver is asked to explain them while the period runs (review 4 M-3).
    And the NGO has a task "Explain the rights now"
    And the task "Explain the rights now" is due in 48 hours

  @outbound @deadline
  Scenario: a foreign victim whose rights could not be explained at first is told them before her options are discussed, even when the reflection period is already over
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | AF           |
      | pseudonym               | Mariam-4     |
    When the NGO completes "Explain rights and the reflection period"
      | field                                   | value                                     |
      | return_reflection_rights_explained      | false                                     |
      | return_reflection_waived                | false                                     |
      | return_reflection_not_explained_reason  | "too unwell to talk"                      |
      | return_reflection_explain_plan          | "once she is back from hospital"          |
    Then the NGO has a task "Explain the rights now"
    When 3 days pass
    Then the NGO has no task "Discuss options"
    And "Explain the rights now" is escalated to the supervisors of the NGO
    When the NGO tries to complete "Explain the rights now"
      | field                              | value |
      | return_reflection_rights_explained | false |
    Then the answers are refused for return_reflection_rights_explained
    When the NGO completes "Explain the rights now"
      | field                              | value        |
      | return_reflection_rights_explained | true         |
      | return_reflection_explained_date   | "2026-01-07" |
    Then the NGO has a task "Discuss options"

  # ---------------------------------------------------------------- review 2: a withdrawal purges only what it covered

  @outbound @consent @message
  Scenario: a foreign victim who withdraws her consent to the return only, and wants nothing more from it, keeps her identity while her rehabilitation goes on
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | TJ           |
      | pseudonym               | Farangis-2   |
      | full_name               | "Farangis S." |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO completes "Discuss options"
      | field               | value            |
      | repatriation_option | voluntary_return |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2025-12-29 |
      | consent_withdrawn_scope      | ["return"] |
      | consent_still_agrees_to_help | false      |
    Then IOM has no open tasks
    And the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data
    And the case data has full_name = "Farangis S."

  @outbound @consent @message
  Scenario: an adult who withdraws all consent during her return while the proceedings on her police report run beside keeps her identity
    Given a "repatriation" case reported by the NGO
      | field                   | value        |
      | repatriation_direction  | outbound     |
      | reasonable_grounds_date | "2025-11-20" |
      | referral_receiver       | ngo          |
      | presumed_child          | false        |
      | citizenship             | UZ           |
      | pseudonym               | Lola-31      |
      | consent_police_report   | true         |
    When the NGO completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the NGO sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_on         | 2025-12-29         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data

  @inbound @consent @message
  Scenario: a citizen abroad who withdraws her consent to the return only and wants no help there keeps only an anonymous notification, as nothing else of her case runs
    Given a "repatriation" case reported by the consular service
      | field                  | value    |
      | repatriation_direction | inbound  |
      | presumed_child         | false    |
      | pseudonym              | Meerim-8 |
    When the consular service completes "Consular interview"
      | field                        | value |
      | return_country_of_stay       | RU    |
      | return_citizenship_confirmed | true  |
    And the consular service sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_withdrawn_scope      | ["return"] |
      | consent_still_agrees_to_help | false      |
    Then the consular service has no open tasks
    And the case is closed with outcome "consent_withdrawn"
    And the case data has purge_personal_data = true

  # ---------------------------------------------------------------- review 2: a withdrawal never ends a child's protection

  @inbound @child @consent @message
  Scenario: the suspected father, already replaced as guardian, withdraws the return: his word is not taken for the grandmother's, and she is not recorded as the suspect
    # Pages review 5, P5-1 (as bd848be in SOP 1 and the referral).
    Given a "repatriation" case reported by the consular service
      | field                  | value      |
      | repatriation_direction | inbound    |
      | presumed_child         | true       |
      | age                    | 15         |
      | pseudonym              | Nurbek-16  |
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Talant Abdykadyrov               |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | true                             |
    And the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value               |
      | child_new_guardian_name     | Gulzat Abdykadyrova |
      | child_new_guardian_relation | relative            |
      | child_suspect_kept_away     | true                |
      | child_suspicion_told_police | true                |
    Then the case data has child_guardian_suspected_name = "Talant Abdykadyrov"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_by         | guardian           |
      | consent_withdrawn_on         | 2026-01-05         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value                            |
      | child_withdrawal_withdrawer_suspected | true                             |
      | child_withdrawal_responsible          | Child protection service, Moscow |
      | child_withdrawal_care                 | shelter                          |
      | child_withdrawal_guardian_kept        | true                             |
      | child_withdrawal_contact_plan         | weekly call with the guardian    |
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    And the case data has child_guardian_name = "Gulzat Abdykadyrova"
    And the case data has child_guardian_suspected_name = "Talant Abdykadyrov"

  @inbound @child @consent @message
  Scenario: a parent withdraws consent before the child abroad is protected; the child-protection body still protects her there, appoints a guardian who is not a suspect and hands her protection over
    Given a "repatriation" case reported by the consular service
      | field                  | value     |
      | repatriation_direction | inbound   |
      | presumed_child         | true      |
      | age                    | 15        |
      | pseudonym              | Kanykei-15 |
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    When the consular service sends the message "consent_withdrawn" with:
      | field                        | value              |
      | consent_withdrawn_by | guardian |
      | consent_withdrawn_on         | 2026-01-09         |
      | consent_withdrawn_scope      | ["help", "return"] |
      | consent_still_agrees_to_help | false              |
    # What the withdrawal cancelled is done anyway: a child needs no consent for protection.
    Then the child-protection body has a task "Protect the child abroad and appoint a guardian"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Protect the child abroad and appoint a guardian"
      | field                        | value                            |
      | child_protection_officer     | A. Sydykova                      |
      | child_abroad_host_protection | Child protection service, Moscow |
      | child_abroad_safe_now        | true                             |
      | child_guardian_name          | Bolot Asanov                     |
      | child_guardian_relation      | parent                           |
      | child_guardian_suspected     | true                             |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value              |
      | child_new_guardian_name     | Zarina Abdyldaeva  |
      | child_new_guardian_relation | appointed_guardian |
      | child_suspect_kept_away     | true               |
      | child_suspicion_told_police | true               |
    Then the case data has child_guardian_name = "Zarina Abdyldaeva"
    And the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                            |
      | child_withdrawal_withdrawer_suspected | false |
      | child_withdrawal_responsible   | Child protection service, Moscow |
      | child_withdrawal_care          | shelter                          |
      | child_withdrawal_guardian_kept | true                             |
      | child_withdrawal_contact_plan  | weekly call with the guardian    |
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value |
      | child_withdrawal_best_interests             | services_end |
      | child_withdrawal_best_interests_child_views | wants to stay in the shelter |
      | child_withdrawal_best_interests_basis       | the new guardian and the child agree she stays; no safe family to return to |
      | child_withdrawal_best_interests_date        | "2026-01-05" |
    Then the child-protection body has a task "Hand over the child's protection in the country of stay"
    When the child-protection body completes "Hand over the child's protection in the country of stay"
      | field                           | value                            |
      | child_abroad_responsible        | Child protection service, Moscow |
      | child_abroad_care               | shelter                          |
      | child_abroad_guardian_confirmed | true                             |
      | child_abroad_contact_plan       | monthly report from Moscow       |
    Then the case is closed with outcome "consent_withdrawn"
    And the case data has no purge_personal_data

  @outbound @child @consent @message
  Scenario: a foreign child's withdrawal of the return is recorded by the child-protection body, which keeps protecting her here
    Given a "repatriation" case reported by the child-protection body
      | field                   | value            |
      | repatriation_direction  | outbound         |
      | reasonable_grounds_date | "2026-01-02"     |
      | referral_receiver       | child_protection |
      | presumed_child          | true             |
      | age                     | 13               |
      | citizenship             | TJ               |
      | pseudonym               | Shahlo-13        |
      | child_guardian_name     | Gulnara Tashieva |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | child |
      | consent_withdrawn_on         | 2026-01-09 |
      | consent_withdrawn_scope      | ["return"] |
      | consent_still_agrees_to_help | true       |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    And the child-protection body has no task "Protect the child abroad and appoint a guardian"
    And the child-protection body has no task "Appoint a guardian who is not a suspect"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value                        |
      | child_withdrawal_responsible   | Child protection body, Osh   |
      | child_withdrawal_care          | alternative_care             |
      | child_withdrawal_guardian_kept | true                         |
      | child_withdrawal_contact_plan  | weekly visit                 |
    Then the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                                       | value |
      | child_withdrawal_best_interests             | services_end |
      | child_withdrawal_best_interests_child_views | does not want to go back |
      | child_withdrawal_best_interests_basis       | a return against her settled wish is not in her interests here |
      | child_withdrawal_best_interests_date        | "2026-01-05" |
    Then the child-protection body has no task "Hand over the child's protection in the country of stay"
    And the case is closed with outcome "consent_withdrawn"

  @outbound @child
  Scenario: a foreign child's high return risk is planned for and her guardian asked again, with the child heard again and the guardian named, and the best-interests decision, knowing the risk and the plan, still comes before her consulate is asked for documents
    Given a "repatriation" case reported by the child-protection body
      | field                   | value            |
      | repatriation_direction  | outbound         |
      | reasonable_grounds_date | "2025-11-01"     |
      | referral_receiver       | child_protection |
      | presumed_child          | true             |
      | age                     | 16               |
      | citizenship             | KZ               |
      | pseudonym               | Aigerim-16       |
      | child_guardian_name     | Saltanat Ermekova |
    When the child-protection body completes "Explain rights and the reflection period"
      | field                    | value |
      | return_reflection_rights_explained | true |
      | return_reflection_waived | false |
    And the child-protection body completes "Discuss options"
      | field                           | value                  |
      | repatriation_option             | voluntary_return       |
      | repatriation_option_child_views | wants to see her mother |
    And IOM completes "Assess return risk"
      | field               | value               |
      | return_risk_level   | high                |
      | return_risk_factors | ["family_involved"] |
    Then IOM has a task "Plan safety measures and escort"
    When IOM completes "Plan safety measures and escort"
      | field                  | value                                    |
      | return_escort_required | true                                     |
      | return_escort_by       | child_protection                         |
      | return_safety_measures | no contact with the uncle; met by social workers |
    And the child-protection body tries to complete "Confirm consent with the risk and safety plan explained"
      | field                          | value                                     |
      | return_risk_explained          | true                                      |
      | return_consent_confirmed       | true                                      |
      | return_consent_confirmed_by    | person                                    |
      | return_consent_confirmed_notes | she still wants to go                     |
    Then the answers are refused for return_consent_confirmed_by, return_consent_confirmed_child_views
    When the child-protection body completes "Confirm consent with the risk and safety plan explained"
      | field                                | value                                              |
      | return_risk_explained                | true                                               |
      | return_consent_confirmed             | true                                               |
      | return_consent_confirmed_child_views | "still wants to see her mother, not the uncle"     |
      | return_consent_confirmed_notes       | the guardian agrees                                |
    Then the case data has return_consent_confirmed_guardian = "Saltanat Ermekova"
    # For a child the guardian answers: the page does not offer "the person herself" and the answer is recorded (pages review P3-2).
    And the case data has return_consent_confirmed_by = "legal_representative"
    Then the child-protection body has a task "Best-interests decision and family assessment"
    And IOM has no task "Request travel documents from the consulate of origin"
    When the child-protection body completes "Best-interests decision and family assessment"
      | field                          | value      |
      | return_family_traced           | true       |
      | return_family_assessment       | unsuitable |
      | return_best_interests_decision | no_return  |
    Then the child-protection body has a task "Discuss options"
    And IOM has no task "Request travel documents from the consulate of origin"
