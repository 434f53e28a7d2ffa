Feature: SOP 2 - Referral of a presumed victim
  The first responder refers the presumed victim to a receiver: a shelter NGO or crisis
  centre, a district social service, or the child-protection body for a child. The receiver
  accepts or declines within a deadline; a decline or no answer goes to the interagency
  commission, which names another receiver. Data go to a receiver only with the adult's
  consent. The receiver gives first assistance; a foreign national's consulate is contacted
  only with consent and after a risk check.

  Scenario: the chosen shelter accepts the referral and gives first assistance
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value                        |
      | referral_needs             | ["shelter", "psychological"] |
      | referral_urgency           | urgent                       |
      | referral_receiver          | ngo                          |
      | referral_consent_receivers | ["ngo", "social"]            |
      | referral_consent_date      | 2026-01-05                   |
      | referral_consent_method    | written                      |
    Then the NGO has a task "Accept or decline referral"
    And the task "Accept or decline referral" is due in 24 hours
    And the police has no open tasks
    When the NGO completes "Accept or decline referral"
      | field               | value         |
      | referral_decision   | accepted      |
      | referral_caseworker | Duty worker 2 |
    Then the NGO has a task "Provide first assistance"
    And the case data has assistance_shelter_free_days = 10
    When the NGO completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | true       |
      | assistance_start_date        | 2026-01-05 |
    Then the case is closed
    And the case data has referral_outcome = "accepted"
    And the case data has referral_receiver = "ngo"

  Scenario: the receiver declines and the commission names another receiver, who accepts
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | immediate         |
      | referral_receiver          | ngo               |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | written           |
    And the NGO completes "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    Then the commission has a task "Name another receiver"
    And the task "Name another receiver" is due in 72 hours
    And the NGO has no task "Accept or decline referral"
    And the police has a task "Keep the person helped until a receiver accepts"
    And the task "Keep the person helped until a receiver accepts" is due in 24 hours
    When the police completes "Keep the person helped until a receiver accepts"
      | field                 | value                                |
      | interim_help_by       | ngo                                  |
      | interim_help_services | ["shelter", "food_clothing", "medical"] |
    Then the case data has referral_interim_started = true
    When the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-06 |
    Then the social services has a task "Accept or decline referral"
    And the police has no task "Ask consent for the named receiver"
    When the social services completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the social services completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | false      |
      | assistance_start_date        | 2026-01-06 |
    Then the case is closed
    And the case data has referral_outcome = "accepted"
    And the case data has referral_receiver = "social"

  Scenario: two receivers decline in turn: the person keeps one interim help, and the third, a public receiver, cannot decline
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Cholpon |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value                    |
      | referral_needs             | ["shelter"]              |
      | referral_urgency           | immediate                |
      | referral_receiver          | ngo                      |
      | referral_consent_receivers | ["ngo", "social", "child_protection"] |
      | referral_consent_date      | 2026-01-05               |
      | referral_consent_method    | written                  |
    And the NGO completes "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    Then the police has 1 tasks "Keep the person helped until a receiver accepts"
    When the commission completes "Name another receiver"
      | field             | value  |
      | referral_receiver | social |
    And the social services completes "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    Then the commission has a task "Name another receiver"
    And the police has 1 tasks "Keep the person helped until a receiver accepts"
    And the case data has referral_declines = 2
    When the commission tries to complete "Name another receiver"
      | field             | value |
      | referral_receiver | ngo   |
    Then the answers are refused for referral_receiver
    When the commission completes "Name another receiver"
      | field             | value            |
      | referral_receiver | child_protection |
    And the child-protection body tries to complete "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    Then the answers are refused for referral_decision
    When the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    Then the police has 1 tasks "Keep the person helped until a receiver accepts"
    When the child-protection body completes "Provide first assistance"
      | field                       | value |
      | assistance_shelter_provided | true  |
    Then the case is closed
    And the police has no task "Keep the person helped until a receiver accepts"

  @escalation
  Scenario: a referral nobody compiles escalates to the police's supervisors and then to the commission
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    Then the task "Compile the referral" is due in 24 hours
    And "Compile the referral" is not escalated
    When 24 hours pass
    Then "Compile the referral" is escalated to the supervisors of the police
    And the police has a task "Compile the referral"
    When 1 working day passes
    Then "Compile the referral" is not escalated to the supervisors of the commission
    When 1 working day passes
    Then "Compile the referral" is escalated to the supervisors of the commission

  @timer
  Scenario: the receiver does not answer within 24 hours and the commission names another receiver
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | urgent            |
      | referral_receiver          | ngo               |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | oral_recorded     |
    And 23 hours pass
    Then the NGO has a task "Accept or decline referral"
    When 2 hours pass
    Then the NGO has no task "Accept or decline referral"
    And the commission has a task "Name another receiver"
    And the case data has referral_decision = "no_answer"
    # A receiver that never answers is counted like a decline (referral_decline_rounds).
    And the case data has referral_declines = 1
    When the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-06 |
    Then the social services has a task "Accept or decline referral"
    And the task "Accept or decline referral" is due in 24 hours

  Scenario: the shelter's "no offences" in first assistance never erases the offences recorded at reasonable grounds; an offence learnt since is added
    Given a "referral" case reported by the NGO
      | field                   | value              |
      | pseudonym               | "Ainura-30"        |
      | presumed_child          | false              |
      | is_foreign              | false              |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["property_crime"] |
    When the NGO completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | urgent            |
      | referral_receiver          | social            |
      | referral_consent_receivers | ["social"]        |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | written           |
    And the social services completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the social services completes "Provide first assistance"
      | field                  | value |
      | non_punishment_applies | false |
    Then the case data has non_punishment_applies = true
    And the case data has non_punishment_offences = ["property_crime"]

  Scenario: an offence first learnt in first assistance is added to those recorded at reasonable grounds
    Given a "referral" case reported by the NGO
      | field                   | value              |
      | pseudonym               | "Ainura-31"        |
      | presumed_child          | false              |
      | is_foreign              | false              |
      | non_punishment_applies  | true               |
      | non_punishment_offences | ["property_crime"] |
    When the NGO completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | urgent            |
      | referral_receiver          | social            |
      | referral_consent_receivers | ["social"]        |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | written           |
    And the social services completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the social services completes "Provide first assistance"
      | field                   | value            |
      | non_punishment_applies  | true             |
      | non_punishment_offences | ["drug_related"] |
    Then the case data has non_punishment_offences = ["drug_related", "property_crime"]

  @timer
  Scenario: a woman with nowhere safe to sleep tonight: the receiver has 4 hours, not 24, to take her referral, or the commission names another
    Given a "referral" case reported by the NGO
      | field          | value       |
      | pseudonym      | "Gulnara-2" |
      | presumed_child | false       |
      | is_foreign     | false       |
    When the NGO completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | immediate         |
      | referral_receiver          | social            |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | oral_recorded     |
    Then the social services has a task "Accept or decline referral"
    And the task "Accept or decline referral" is due in 4 hours
    When 5 hours pass
    Then the social services has no task "Accept or decline referral"
    And the commission has a task "Name another receiver"
    And the case data has referral_decision = "no_answer"

  @timer
  Scenario: the commission names no receiver within 72 hours and the ministry chases it
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | immediate         |
      | referral_receiver          | ngo               |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | written           |
    And the NGO completes "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    And 72 hours pass
    Then the social services has a task "Chase the commission (no receiver named in time)"
    And the commission has a task "Name another receiver"
    When the social services completes "Chase the commission (no receiver named in time)"
      | field                      | value           |
      | referral_escalation_action | interim_shelter |
    And the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-09 |
    And the social services completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the social services completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | false      |
      | assistance_start_date        | 2026-01-09 |
    Then the case is closed
    And the case data has referral_outcome = "accepted"

  @timer
  Scenario: an escalation still open when the referral is accepted closes with the referral
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value             |
      | referral_needs             | ["shelter"]       |
      | referral_urgency           | urgent            |
      | referral_receiver          | ngo               |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-05        |
      | referral_consent_method    | written           |
    And 24 hours pass
    And 72 hours pass
    Then the social services has a task "Chase the commission (no receiver named in time)"
    When the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-09 |
    And the social services completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the social services completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | false      |
      | assistance_start_date        | 2026-01-09 |
    Then the case is closed
    And the social services has no task "Chase the commission (no receiver named in time)"
    And the case data has referral_receiver = "social"
    And the case data has referral_outcome = "accepted"

  @child
  Scenario: a child's referral does not go to child protection without the child's views, which the referral itself asks
    Given a "referral" case reported by the police
      | field          | value |
      | pseudonym      | Timur |
      | presumed_child | true  |
      | is_foreign     | false |
    When the police tries to complete "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_consent_receivers | []          |
    Then the answers are refused for referral_child_views
    And the child-protection body has no task "Accept or decline referral"
    When the police completes "Compile the referral"
      | field                      | value                                 |
      | referral_needs             | ["shelter"]                           |
      | referral_urgency           | urgent                                |
      | referral_consent_receivers | []                                    |
      | referral_child_views       | Wants to stay near his school in Osh. |
    Then the child-protection body has a task "Accept or decline referral"
    And the police has no open tasks
    And the case data has referral_receiver = "child_protection"
    And the case data has referral_child_views = "Wants to stay near his school in Osh."

  @child
  Scenario: child protection cannot decline a child, nor the commission name another receiver for her
    Given a "referral" case reported by the police
      | field          | value |
      | pseudonym      | Aisha |
      | presumed_child | true  |
      | is_foreign     | false |
    When the police completes "Compile the referral"
      | field                      | value                       |
      | referral_needs             | ["shelter"]                 |
      | referral_receiver          | ngo                         |
      | referral_consent_receivers | []                          |
      | referral_child_views       | Wants her sister told, no one else. |
    And the child-protection body tries to complete "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    Then the answers are refused for referral_decision
    When 25 hours pass
    Then the commission has a task "Name another receiver"
    When the commission tries to complete "Name another receiver"
      | field             | value |
      | referral_receiver | ngo   |
    Then the answers are refused for referral_receiver
    When the commission completes "Name another receiver"
      | field             | value            |
      | referral_receiver | child_protection |
    Then the child-protection body has a task "Accept or decline referral"

  @child
  Scenario: a child's referral goes to the child-protection body without consent, with the child's views
    Given a "referral" case reported by the police
      | field          | value |
      | pseudonym      | Nurai |
      | presumed_child | true  |
      | is_foreign     | false |
    When the police completes "Compile the referral"
      | field                      | value                                     |
      | referral_needs             | ["shelter", "psychological"]              |
      | referral_urgency           | immediate                                 |
      | referral_receiver          | ngo                                       |
      | referral_consent_receivers | []                                        |
      | referral_child_views       | Wants to stay with her aunt, not go home. |
    Then the child-protection body has a task "Accept or decline referral"
    And the NGO has no task "Accept or decline referral"
    And the police has no task "Ask consent for the named receiver"
    And the case data has referral_receiver = "child_protection"
    When the child-protection body completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the child-protection body completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | true       |
      | assistance_start_date        | 2026-01-05 |
    Then the case is closed
    And the case data has referral_outcome = "accepted"
    And the case data has referral_receiver = "child_protection"

  @consent
  Scenario: the commission names a receiver the adult has not agreed to, and the person agrees when asked
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field                   | value               |
      | referral_decision       | declined            |
      | referral_decline_reason | service_not_offered |
    And the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-06 |
    Then the police has a task "Ask consent for the named receiver"
    And the social services has no task "Accept or decline referral"
    And the social services is shown no personal data of this case
    When the police completes "Ask consent for the named receiver"
      | field                      | value             |
      | referral_consent_receivers | ["ngo", "social"] |
      | referral_consent_date      | 2026-01-06        |
      | referral_consent_method    | written           |
    Then the social services has a task "Accept or decline referral"
    And the social services is shown personal data of this case

  @consent
  Scenario: the adult refuses to share data with the named receiver, so the commission names another
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field                   | value       |
      | referral_decision       | declined    |
      | referral_decline_reason | no_capacity |
    And the commission completes "Name another receiver"
      | field                    | value      |
      | referral_receiver        | social     |
      | referral_commission_date | 2026-01-06 |
    And the police completes "Ask consent for the named receiver"
      | field                      | value          |
      | referral_consent_receivers | ["ngo"]        |
      | referral_consent_date      | 2026-01-06     |
      | referral_consent_method    | oral_witnessed |
    Then the social services has no task "Accept or decline referral"
    And the social services is shown no personal data of this case
    And the commission has a task "Name another receiver"
    # the NGO's decline is not the social services' answer: the commission sees her refusal
    And the case data has referral_decision = null
    And the case data has referral_decline_reason = null

  @consent
  Scenario: asked about the named receiver, a refusal is an answer she gave: nothing ticked is not taken, "None" is the refusal
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_receiver          | social      |
      | referral_consent_receivers | []          |
    Then the police has a task "Ask consent for the named receiver"
    When the police tries to complete "Ask consent for the named receiver"
      | field                      | value      |
      | referral_consent_receivers | []         |
      | referral_consent_date      | 2026-01-05 |
      | referral_consent_method    | written    |
    Then the answers are refused for referral_consent_receivers
    And the commission has no task "Name another receiver"
    When the police tries to complete "Ask consent for the named receiver"
      | field                      | value              |
      | referral_consent_receivers | ["none", "social"] |
      | referral_consent_date      | 2026-01-05         |
      | referral_consent_method    | written            |
    Then the answers are refused for referral_consent_receivers
    When the police completes "Ask consent for the named receiver"
      | field                      | value          |
      | referral_consent_receivers | ["none"]       |
      | referral_consent_date      | 2026-01-05     |
      | referral_consent_method    | oral_witnessed |
    Then the commission has a task "Name another receiver"
    And the social services has no task "Accept or decline referral"
    And the case data has referral_refusals = 1

  @consent
  Scenario: a person refuses every receiver, wants no help at all, and the referral ends with an anonymous notification
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Bermet |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | social      |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    Then the commission has a task "Name another receiver"
    When the commission completes "Name another receiver"
      | field             | value            |
      | referral_receiver | child_protection |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    Then the commission has no task "Name another receiver"
    And the police has a task "Ask what help the person accepts"
    When the police completes "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | false |
    Then the police has a task "Send anonymous notification"
    When the police completes "Send anonymous notification"
      | field                            | value |
      | anonymous_help_information_given | true  |
    Then the case is closed with outcome "refused"
    And the case data has referral_refusals = 2

  @consent
  Scenario: a foreign national agrees and the risk is low, so the consular service contacts the consulate
    Given a "referral" case reported by the NGO
      | field          | value   |
      | pseudonym      | Dilnoza |
      | presumed_child | false   |
      | is_foreign     | true    |
      | citizenship    | UZ      |
    When the NGO completes "Compile the referral"
      | field                      | value                    |
      | referral_needs             | ["shelter", "documents"] |
      | referral_urgency           | urgent                   |
      | referral_receiver          | ngo                      |
      | referral_consent_receivers | ["ngo"]                  |
      | referral_consent_date      | 2026-01-05               |
      | referral_consent_method    | written                  |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | true       |
      | assistance_start_date        | 2026-01-05 |
    Then the NGO has a task "Check risk before contacting the consulate"
    When the NGO completes "Check risk before contacting the consulate"
      | field                     | value         |
      | consulate_contact_risk    | low           |
      | consulate_contact_consent | true          |
      | consulate_contact_purpose | ["documents"] |
    Then the consular service has a task "Contact the consulate"
    When the consular service completes "Contact the consulate"
      | field                  | value                            |
      | consulate_name         | Embassy of Uzbekistan in Bishkek |
      | consulate_contact_date | 2026-01-07                       |
      | consulate_data_shared  | ["name", "date_of_birth"]        |
    Then the case is closed
    And the case data has referral_outcome = "accepted"
    And the case data has consulate_contact_consent = true

  @consent
  Scenario: what left the country is said: the purpose of a consulate contact and the data shared are never an empty list
    Given a "referral" case reported by the NGO
      | field          | value   |
      | pseudonym      | Dilnoza |
      | presumed_child | false   |
      | is_foreign     | true    |
      | citizenship    | UZ      |
    When the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | false      |
      | assistance_start_date        | 2026-01-05 |
    And the NGO tries to complete "Check risk before contacting the consulate"
      | field                     | value |
      | consulate_contact_risk    | low   |
      | consulate_contact_consent | true  |
      | consulate_contact_purpose | []    |
    Then the answers are refused for consulate_contact_purpose
    When the NGO completes "Check risk before contacting the consulate"
      | field                     | value            |
      | consulate_contact_risk    | low              |
      | consulate_contact_consent | true             |
      | consulate_contact_purpose | ["notification"] |
    And the consular service tries to complete "Contact the consulate"
      | field                  | value                            |
      | consulate_name         | Embassy of Uzbekistan in Bishkek |
      | consulate_contact_date | 2026-01-07                       |
      | consulate_data_shared  | []                               |
    Then the answers are refused for consulate_data_shared
    When the consular service tries to complete "Contact the consulate"
      | field                  | value                            |
      | consulate_name         | Embassy of Uzbekistan in Bishkek |
      | consulate_contact_date | 2026-01-07                       |
      | consulate_data_shared  | ["none", "name"]                 |
    Then the answers are refused for consulate_data_shared
    When the consular service completes "Contact the consulate"
      | field                  | value                            |
      | consulate_name         | Embassy of Uzbekistan in Bishkek |
      | consulate_contact_date | 2026-01-07                       |
      | consulate_data_shared  | ["none"]                         |
    Then the case is closed
    And the case data has consulate_data_shared = ["none"]

  @consent
  Scenario Outline: a foreign national's consulate is not contacted without consent or when there is a risk
    Given a "referral" case reported by the NGO
      | field          | value   |
      | pseudonym      | Dilnoza |
      | presumed_child | false   |
      | is_foreign     | true    |
      | citizenship    | UZ      |
    When the NGO completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_urgency           | urgent      |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the NGO completes "Accept or decline referral"
      | field             | value    |
      | referral_decision | accepted |
    And the NGO completes "Provide first assistance"
      | field                        | value      |
      | assistance_shelter_provided  | true       |
      | assistance_food_clothing     | true       |
      | assistance_emergency_medical | false      |
      | assistance_legal_information | true       |
      | assistance_documents         | false      |
      | assistance_start_date        | 2026-01-05 |
    And the NGO completes "Check risk before contacting the consulate"
      | field                     | value     |
      | consulate_contact_risk    | <risk>    |
      | consulate_contact_consent | <consent> |
      | consulate_contact_purpose | <purpose> |
      | consulate_risk_note       | <why>     |
    Then the consular service has no task "Contact the consulate"
    And the case is closed
    And the case data has referral_outcome = "accepted"
    And the case data has consulate_contact_consent = <consent>

    Examples:
      | consent | risk    | purpose          | why                                           |
      | false   | low     | []               | The person does not want the consulate told.  |
      | true    | high    | ["documents"]    | The recruiter has relatives at the consulate. |
      | true    | unclear | ["notification"] | Nothing known yet about the home region.      |

  Scenario: an adult who refuses two named receivers does not lose all help: what she accepts is agreed, and no anonymous notification is sent
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Cholpon |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter", "emergency_medical"] |
      | referral_receiver          | social      |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value            |
      | referral_receiver | child_protection |
    And the police completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    Then the police has a task "Ask what help the person accepts"
    And the police has a task "Keep the person helped until a receiver accepts"
    And the police has no task "Send anonymous notification"
    When the police tries to complete "Ask what help the person accepts"
      | field                       | value |
      | referral_refusal_wants_help | true  |
    Then the answers are refused for consent_help_continuing
    When the police completes "Ask what help the person accepts"
      | field                       | value                                                    |
      | referral_refusal_wants_help | true                                                     |
      | consent_help_continuing     | Medical check-up and legal advice, no shelter           |
    Then the case is closed with outcome "withdrawn"
    And the police has no task "Keep the person helped until a receiver accepts"
    And the case data has referral_help_without_receiver = true
    And the case data has referral_receiver = null
    And the case data has no purge_personal_data

  Scenario: in the whole case, the help she accepts after refusing every receiver is provided by the agency serving her before the case closes
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
      | field                      | value        |
      | referral_needs             | ["shelter"]  |
      | referral_receiver          | social       |
      | referral_consent_receivers | ["ngo"]      |
      | referral_consent_date      | "2026-01-06" |
      | referral_consent_method    | written      |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the commission completes "Name another receiver"
      | field             | value            |
      | referral_receiver | child_protection |
    And the NGO completes "Ask consent for the named receiver"
      | field                      | value   |
      | referral_consent_receivers | ["ngo"] |
    And the NGO completes "Ask what help the person accepts"
      | field                       | value                                 |
      | referral_refusal_wants_help | true                                  |
      | consent_help_continuing     | Psychological counselling at the NGO |
    Then the case is open
    And the NGO has a task "Provide the help that continues"
    And the child-protection body has no task "Provide the help that continues"
    When the NGO completes "Provide the help that continues"
      | field                   | value             |
      | withdrawn_help_provided | ["psychological"] |
    Then the case data has case_outcome = "withdrawn"
    And the case data has no purge_personal_data

  @consent
  Scenario: the adult withdraws consent while the receiver decides; the help she still wants is agreed
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Kalys  |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    Then the NGO has a task "Accept or decline referral"
    When the NGO sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_withdrawn_from       | ["police"] |
      | consent_still_agrees_to_help | true       |
    Then the NGO has no task "Accept or decline referral"
    And the police has a task "Agree the help that continues after consent was withdrawn"
    When the police completes "Agree the help that continues after consent was withdrawn"
    Then the case is closed with outcome "withdrawn"
    And the case data has referral_receiver = null

  @consent @message
  Scenario: she tells the social services, not the first responder, that she withdraws during the referral, and they can record it
    Given a "referral" case reported by the police
      | field          | value   |
      | pseudonym      | Kalys-2 |
      | presumed_child | false   |
      | is_foreign     | false   |
    When the police completes "Compile the referral"
      | field                      | value       |
      | referral_needs             | ["shelter"] |
      | referral_receiver          | ngo         |
      | referral_consent_receivers | ["ngo"]     |
      | referral_consent_date      | 2026-01-05  |
      | referral_consent_method    | written     |
    Then the NGO has a task "Accept or decline referral"
    And the labour inspection cannot send the message "consent_withdrawn"
    When the social services sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | true       |
    Then the NGO has no task "Accept or decline referral"
    And the police has a task "Agree the help that continues after consent was withdrawn"

  @consent
  Scenario: the adult withdraws consent during the referral and wants no help: only an anonymous notification
    Given a "referral" case reported by the police
      | field          | value  |
      | pseudonym      | Kalys  |
      | presumed_child | false  |
      | is_foreign     | false  |
    When the police sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    Then the police has no task "Compile the referral"
    When the police completes "Send anonymous notification"
    Then the case is closed with outcome "refused"

  @consent @child
  Scenario: consent withdrawn for a child during the referral: the child-protection body takes the child on
    Given a "referral" case reported by the police
      | field          | value |
      | pseudonym      | Aian  |
      | presumed_child | true  |
      | is_foreign     | false |
    When the police sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by | guardian |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    Then the child-protection body has a task "Keep the child protected after consent was withdrawn"
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | true  |
      | child_withdrawal_withdrawer_suspected | false |
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value             |
      | child_withdrawal_best_interests | services_continue |
    Then the case is closed with outcome "accepted"
    And the case data has referral_receiver = "child_protection"

  @consent @child
  Scenario: a 15-year-old's aunt, her guardian and the one who sent her to Dubai, withdraws consent during the referral: she is replaced before the child is taken on, and the aunt is kept on record as the suspect
    Given a "referral" case reported by the NGO
      | field                   | value      |
      | pseudonym               | "Asel-15"  |
      | presumed_child          | true       |
      | is_foreign              | false      |
      | child_guardian_name     | "Aunt"     |
      | child_guardian_relation | relative   |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by         | guardian   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    # whether the guardian who withdrew is a suspect is asked, not skipped
    When the child-protection body tries to complete "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | false |
      | child_withdrawal_withdrawer_suspected | null  |
    Then the answers are refused for child_withdrawal_withdrawer_suspected
    When the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | false |
      | child_withdrawal_withdrawer_suspected | true  |
    Then the child-protection body has a task "Appoint a guardian who is not a suspect"
    And the child-protection body has no task "Decide whether the withdrawal is in the child's best interests"
    When the child-protection body completes "Appoint a guardian who is not a suspect"
      | field                       | value         |
      | child_new_guardian_name     | "Grandmother" |
      | child_new_guardian_relation | relative      |
      | child_suspect_kept_away     | true          |
    # SOP 3's plan and every later decision go to the grandmother; the aunt is known as the suspect
    Then the case data has child_guardian_name = "Grandmother"
    And the case data has child_guardian_suspected_name = "Aunt"
    And the case data has child_guardian_suspected_relation = "relative"
    When the child-protection body tries to complete "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the answers are refused for child_withdrawal_best_interests
    When the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value             |
      | child_withdrawal_best_interests | services_continue |
    Then the case is closed with outcome "accepted"
    And the case data has referral_receiver = "child_protection"

  @consent @child
  Scenario: a 17-year-old's own withdrawal during the referral that child protection finds in her best interests ends the referral with the help she still wants agreed
    Given a "referral" case reported by the NGO
      | field          | value       |
      | pseudonym      | "Nazira-17" |
      | presumed_child | true        |
      | is_foreign     | false       |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by         | child      |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                          | value |
      | child_withdrawal_guardian_kept | true  |
    And the child-protection body completes "Decide whether the withdrawal is in the child's best interests"
      | field                           | value        |
      | child_withdrawal_best_interests | services_end |
    Then the NGO has a task "Agree the help that continues after consent was withdrawn"
    When the NGO completes "Agree the help that continues after consent was withdrawn"
      | field                   | value                               |
      | consent_help_continuing | "School counsellor once a week"     |
    Then the case is closed with outcome "withdrawn"

  @consent @child
  Scenario: during the referral, a withdrawal by the suspected aunt already replaced as guardian is not taken for the grandmother's: no second appointment, and the grandmother stays the guardian
    Given a "referral" case reported by the NGO
      | field                             | value         |
      | pseudonym                         | "Asel-16"     |
      | presumed_child                    | true          |
      | is_foreign                        | false         |
      | child_guardian_name               | "Grandmother" |
      | child_guardian_relation           | relative      |
      | child_new_guardian_name           | "Grandmother" |
      | child_guardian_suspected_name     | "Aunt"        |
      | child_guardian_suspected_relation | relative      |
    When the child-protection body sends the message "consent_withdrawn" with:
      | field                        | value      |
      | consent_withdrawn_by         | guardian   |
      | consent_withdrawn_on         | 2026-01-05 |
      | consent_still_agrees_to_help | false      |
    And the child-protection body completes "Keep the child protected after consent was withdrawn"
      | field                                 | value |
      | child_withdrawal_guardian_kept        | true  |
      | child_withdrawal_withdrawer_suspected | true  |
    Then the child-protection body has no task "Appoint a guardian who is not a suspect"
    And the child-protection body has a task "Decide whether the withdrawal is in the child's best interests"
    And the case data has child_guardian_name = "Grandmother"
    And the case data has child_guardian_suspected_name = "Aunt"
