# svcagent_integration_test(local some_test.sh 120)
