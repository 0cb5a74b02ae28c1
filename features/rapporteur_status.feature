# language: nl
Functionaliteit: Status per indicator voor de voortgangsrapportage
  Als rapporteur van het programma Samen tegen mensenhandel
  wil ik per peildatum de status van elke indicator met een uitleg
  zodat de Tweede Kamer kan zien of het programma werkt en waarom.

  Achtergrond:
    Gegeven het voorbeeldprogramma "samen-tegen-mensenhandel" met de gepubliceerde cijfers

  Scenario: Status per indicator op 31 december 2020
    Als de rapporteur de status opvraagt per 2020-12-31
    Dan heeft elke indicator een status uit de zeven statussen
    En heeft elke indicator een uitleg in het Nederlands en in het Engels
    En is een kengetal zonder streefwaarde nooit beoordeeld
    En is de status van "comensha-registraties" "monitoring"
    En noemt de Nederlandse uitleg van "comensha-registraties" "1.013 in 2020"
    En noemt de Engelse uitleg van "comensha-registraties" "1,013 in 2020"
    En telt elke actielijn alle zeven statussen, ook als ze nul keer voorkomen

  Scenario: Dezelfde peildatum geeft dezelfde uitkomst
    Als de rapporteur de status opvraagt per 2020-12-31
    En de rapporteur de status nogmaals opvraagt per 2020-12-31
    Dan zijn beide uitkomsten gelijk
