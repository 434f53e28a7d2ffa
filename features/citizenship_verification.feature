Feature: Verification of a citizenship that is not known, or of statelessness
  Unknown or no citizenship is a state to resolve, not an error. Before a return is chosen
  (4A for a citizen abroad, 4B for a foreign victim here), the State Registration Service
  checks the register and the person's documents. The case then knows whether the person is a
  Kyrgyz citizen, a citizen of another country (with its code) or stateless; a stateless person
  is not a person to be returned.

  @citizenship
  Scenario Outline: the registration service finds the person <result>
    Given a "citizenship_verification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Ainura-21" |
      | citizenship        | <reported>  |
      | citizenship_status | <reported>  |
      | presumed_child     | false       |
    Then the registration service has a task "Verify citizenship"
    And the task "Verify citizenship" is due in 10 working days
    When the registration service completes "Verify citizenship"
      | field                          | value                 |
      | citizenship_verified_as        | <verified_as>         |
      | citizenship_verified_country   | <country>             |
      | citizenship_verification_basis | "Population register" |
    Then the case is closed with outcome "<citizenship>"
    And the case data has is_foreign = <foreign>
    And the case data has citizenship_to_verify = false

    Examples:
      | result                           | reported  | verified_as     | country | citizenship | foreign |
      | a Kyrgyz citizen                 | unknown   | kyrgyz          | KG      | KG          | false   |
      | a citizen of another country     | unknown   | other           | TJ      | TJ          | true    |
      | stateless, as she said           | stateless | stateless       | KG      | stateless   | true    |

  @citizenship
  Scenario: a citizen of another country is recorded only with the country's code
    Given a "citizenship_verification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Timur-23"  |
      | citizenship        | unknown     |
      | citizenship_status | unknown     |
    When the registration service tries to complete "Verify citizenship"
      | field                   | value |
      | citizenship_verified_as | other |
    Then the answers are refused for citizenship_verified_country
    And the case is open

  @citizenship
  Scenario: a citizenship that could not be established is a state to resolve: the registration service opens the procedure that establishes it, and no country is assumed
    Given a "citizenship_verification" case reported by the NGO
      | field              | value       |
      | pseudonym          | "Ainura-24" |
      | citizenship        | unknown     |
      | citizenship_status | unknown     |
      | presumed_child     | false       |
    When the registration service completes "Verify citizenship"
      | field                          | value                                         |
      | citizenship_verified_as        | not_established                               |
      | citizenship_verification_basis | "No entry found; her passport was taken away" |
    Then the case is open
    And the registration service has a task "Open the procedure to establish identity and citizenship"
    And the task "Open the procedure to establish identity and citizenship" is due in 10 working days
    When the registration service completes "Open the procedure to establish identity and citizenship"
      | field                             | value                           |
      | citizenship_procedure_kind        | identity_and_citizenship        |
      | citizenship_procedure_countries   | "Kyrgyzstan, Tajikistan"        |
      | citizenship_procedure_followed_by | "Registration officer, Bishkek" |
      | citizenship_procedure_person_told | true                            |
    Then the case is closed with outcome "unknown"
    And the case data has citizenship_unresolved = true
    And the case data has citizenship_to_verify = false
